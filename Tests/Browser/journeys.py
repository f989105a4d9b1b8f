"""Key journeys through the real pages in headless chromium; each saves a screenshot under test-output/browser/."""
import sys
import traceback
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import Select

from support import (AXE_RUN, BASE, EXTRA_AXE_PAGES, OUT, PASSWORD, browser, patient, phrase, sign_in, sign_out,
                     status_of_public, switch_language, wait_for)
from recognition_journeys import compare_levels, recognition
from convention_journeys import conventions, meetings, network
from issuing_journeys import batch_issue, issuer_key_and_verify, learner_record


def log_in(driver):
    assert PASSWORD, "no admin password in the server log"
    driver.get(BASE + "/login")
    wait_for(driver, "email").send_keys("admin@accord.local")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login-button").click()
    assert "Administrator" in wait_for(driver, "who").text, "not signed in"
    driver.save_screenshot(f"{OUT}/01-logged-in.png")


def search(driver):
    driver.get(BASE + "/")
    box = wait_for(driver, "q")
    box.send_keys("forestry")
    driver.find_element(By.ID, "search-button").click()
    patient(driver).until(seen.url_contains("q=forestry"))
    wait_for(driver, "result-count")
    rows = driver.find_elements(By.CSS_SELECTOR, "#results tbody tr")
    assert len(rows) >= 5, f"expected forestry listings, got {len(rows)}"
    assert "result(s)" in driver.find_element(By.ID, "result-count").text
    driver.save_screenshot(f"{OUT}/02-search.png")


def open_listing(driver):
    driver.find_element(By.CSS_SELECTOR, "#results tbody tr a").click()
    assert wait_for(driver, "title").text
    sections = driver.find_elements(By.CSS_SELECTOR, ".section")
    assert len(sections) >= 3, "conformance report should have UNESCO, EU and NZQA sections"
    driver.save_screenshot(f"{OUT}/03-microcredential.png")


def import_csv(driver):
    csv = "id,provider_id,title,framework,level,credits,mode,learning_outcomes\n" \
          "nz-unitec-browser-1,nz-unitec,Browser test listing one,nzqcf,4,10,online,Outcome one|Outcome two\n" \
          "nz-unitec-browser-2,nz-unitec,Browser test listing two,nzqcf,5,20,blended,Outcome three\n"
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
        handle.write(csv)
    driver.get(BASE + "/import")
    wait_for(driver, "import-file").send_keys(handle.name)
    driver.execute_script("return new Promise(r => setTimeout(r, 300))")
    assert "Browser test listing one" in driver.find_element(By.ID, "import-text").get_attribute("value")
    driver.find_element(By.ID, "import-button").click()
    assert wait_for(driver, "imported-count").text == "2"
    driver.save_screenshot(f"{OUT}/04-import.png")
    driver.get(BASE + "/?q=browser+test")
    wait_for(driver, "result-count")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#results tbody tr")) == 2


def audit_history(driver):
    """An admin opens a listing they just imported and follows its history link to the audit events."""
    driver.get(BASE + "/microcredentials/nz-unitec-browser-1")
    wait_for(driver, "history").click()
    rows = patient(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#audit tbody tr"))
    assert len(rows) == 1, f"{len(rows)} events"
    assert "import" in rows[0].text and "microcredential:nz-unitec-browser-1" in rows[0].text, rows[0].text
    driver.save_screenshot(f"{OUT}/05-audit-history.png")


def listing_form(driver):
    """An admin lists a microcredential through the form: a bad level is refused with the values kept, then it saves."""
    driver.get(BASE + "/microcredentials/new")
    wait_for(driver, "f-id").send_keys("nz-unitec-form-1")
    Select(driver.find_element(By.ID, "f-provider")).select_by_value("nz-unitec")
    driver.find_element(By.ID, "f-title").send_keys("Kaupapa Māori research methods")
    driver.find_element(By.NAME, "learning_outcomes").send_keys("Design a research project\nApply tikanga in fieldwork")
    Select(driver.find_element(By.ID, "f-framework")).select_by_value("nzqcf")
    driver.find_element(By.ID, "f-level").send_keys("42")
    driver.find_element(By.ID, "f-credits").send_keys("15")
    driver.find_element(By.ID, "save").click()
    assert "level" in wait_for(driver, "form-error").text
    assert driver.find_element(By.ID, "f-title").get_attribute("value") == "Kaupapa Māori research methods"
    level = driver.find_element(By.ID, "f-level")
    level.clear()
    level.send_keys("7")
    driver.find_element(By.ID, "save").click()
    patient(driver).until(lambda d: d.current_url.endswith("/microcredentials/nz-unitec-form-1"))
    page = driver.find_element(By.TAG_NAME, "body").text
    assert "Kaupapa Māori research methods" in page and "Apply tikanga in fieldwork" in page, page[:400]
    driver.save_screenshot(f"{OUT}/06-listing-form.png")


def admin_forms(driver):
    """The admin adds a provider, then an evaluator scoped to a NIC; an unknown NIC is refused."""
    driver.get(BASE + "/admin")
    wait_for(driver, "p-id").send_keys("nz-browser-poly")
    driver.find_element(By.ID, "p-name").send_keys("Browser Polytechnic")
    driver.find_element(By.ID, "p-country").send_keys("nz")
    Select(driver.find_element(By.NAME, "kind")).select_by_visible_text("polytechnic")
    Select(driver.find_element(By.NAME, "qa_status")).select_by_visible_text("accredited")
    driver.find_element(By.ID, "p-save").click()
    assert "Browser Polytechnic" in wait_for(driver, "admin-message").text
    for scope, expected in (("nowhere", "unknown NIC"), ("nz-nzqa", "created")):
        driver.get(BASE + "/admin")
        wait_for(driver, "a-email").send_keys(f"evaluator-{scope}@example.org")
        driver.find_element(By.ID, "a-name").send_keys("Evaluator")
        driver.find_element(By.ID, "a-password").send_keys("evaluator-password")
        Select(driver.find_element(By.ID, "a-role")).select_by_value("evaluator")
        # The scope is a choice list; an unknown NIC can only come from a tampered form, so add one as a tamperer would.
        driver.execute_script(
            "const o = document.createElement('option'); o.value = o.text = arguments[0];"
            "const s = document.getElementById('a-scope'); if (![...s.options].some(x => x.value === o.value)) s.add(o);", scope)
        Select(driver.find_element(By.ID, "a-scope")).select_by_value(scope)
        driver.find_element(By.ID, "a-save").click()
        patient(driver).until(lambda d: expected in d.find_element(By.TAG_NAME, "body").text)
    driver.save_screenshot(f"{OUT}/07-admin.png")


def status_of(driver, listing):
    driver.get(BASE + "/microcredentials/" + listing)
    return wait_for(driver, "status").text


def review_workflow(driver, language="en"):
    """Staff submit a listing; the admin returns it with reasons; staff see them and resubmit; the admin approves;
    only then does the public see it. The whole walk happens in `language`, chosen once with the switch."""
    suffix = "" if language == "en" else f"-{language.lower()}"
    listing, email, title = f"nz-unitec-review{suffix}", f"staff{suffix}@unitec.example", f"Site safety leadership{suffix}"
    status = {key: phrase(language, key) for key in ("draft", "submitted for review", "returned for changes", "approved")}
    switch_language(driver, language)
    driver.get(BASE + "/admin")
    wait_for(driver, "a-email").send_keys(email)
    driver.find_element(By.ID, "a-name").send_keys("Unitec staff")
    driver.find_element(By.ID, "a-password").send_keys("staff-password")
    Select(driver.find_element(By.ID, "a-role")).select_by_value("provider-staff")
    Select(driver.find_element(By.ID, "a-scope")).select_by_value("nz-unitec")
    driver.find_element(By.ID, "a-save").click()
    # The message exists only on the page the form answers with, so waiting for it never reads the old page's body.
    assert email in wait_for(driver, "admin-message").text
    sign_out(driver)

    sign_in(driver, email, "staff-password")
    driver.get(BASE + "/microcredentials/new")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language, "the language was not remembered"
    wait_for(driver, "f-id").send_keys(listing)
    assert [o.get_attribute("value") for o in Select(driver.find_element(By.ID, "f-provider")).options] == ["nz-unitec"], \
        "staff are offered other providers"
    driver.find_element(By.ID, "f-title").send_keys(title)
    driver.find_element(By.ID, "save").click()
    patient(driver).until(lambda d: d.current_url.endswith(f"/microcredentials/{listing}"))
    assert wait_for(driver, "status").text == status["draft"]
    assert not driver.find_elements(By.ID, "step-approve"), "staff are offered to approve their own listing"
    assert wait_for(driver, "step-submit").text == phrase(language, "Submit for review")
    driver.find_element(By.ID, "step-submit").click()
    patient(driver).until(lambda d: d.find_element(By.ID, "status").text == status["submitted for review"])
    sign_out(driver)
    assert title not in status_of_public(driver, listing), "a submitted listing is public"

    log_in(driver)
    wait_for(driver, "review-queue").click()
    patient(driver).until(lambda d: title in d.find_element(By.ID, "results").text)
    driver.get(BASE + "/microcredentials/" + listing)
    wait_for(driver, "reasons").send_keys("State the credits and the NZQF level")
    driver.find_element(By.ID, "step-return").click()
    patient(driver).until(lambda d: d.find_element(By.ID, "status").text == status["returned for changes"])
    driver.save_screenshot(f"{OUT}/08-returned-{language}.png")
    sign_out(driver)

    sign_in(driver, email, "staff-password")
    assert status_of(driver, listing) == status["returned for changes"]
    assert "State the credits and the NZQF level" in wait_for(driver, "review-note").text
    wait_for(driver, "step-submit").click()
    patient(driver).until(lambda d: d.find_element(By.ID, "status").text == status["submitted for review"])
    sign_out(driver)

    log_in(driver)
    assert status_of(driver, listing) == status["submitted for review"]
    wait_for(driver, "step-approve").click()
    patient(driver).until(lambda d: d.find_element(By.ID, "status").text == status["approved"])
    assert not driver.find_elements(By.ID, "review-note"), "the reasons stay after approval"
    driver.save_screenshot(f"{OUT}/09-approved-{language}.png")
    sign_out(driver)
    assert title in status_of_public(driver, listing)
    log_in(driver)
    switch_language(driver, "en")


def review_workflow_in_thai(driver):
    review_workflow(driver, "th")


def languages(driver):
    """Each interface language from the switch: the page's lang, its own words, and a screenshot with real glyphs
    (Debian's Noto fonts); listing content keeps its own language."""
    for language in ("zh-Hans", "th", "mi", "en"):
        driver.get(BASE + "/microcredentials/nz-ecnz-he-pataka-reo")
        switch_language(driver, language)
        assert driver.current_url.endswith("/microcredentials/nz-ecnz-he-pataka-reo"), "the switch did not come back"
        assert wait_for(driver, "conformance").text.startswith(phrase(language, "Conformance report"))
        driver.save_screenshot(f"{OUT}/13-listing-{language}.png")
        driver.get(BASE + "/")
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language, "the choice was not remembered"
        assert driver.title.startswith(phrase(language, "Search the registry"))
        driver.save_screenshot(f"{OUT}/13-search-{language}.png")


def account_and_reset(driver):
    """The admin issues a one-time reset link for the staff account; the link sets a new password once; then the admin
    changes their own password and is asked to sign in again."""
    driver.get(BASE + "/admin")
    row = patient(driver).until(
        lambda d: next((r for r in d.find_elements(By.CSS_SELECTOR, "#accounts tbody tr") if "staff@unitec.example" in r.text), None))
    row.find_element(By.TAG_NAME, "button").click()
    link = wait_for(driver, "reset-link").text
    assert link.startswith("/reset-password?token="), link
    sign_out(driver)
    driver.get(BASE + link)
    wait_for(driver, "new-password").send_keys("staff-password-2")
    driver.find_element(By.ID, "reset-button").click()
    wait_for(driver, "reset-done")
    driver.get(BASE + link)
    wait_for(driver, "new-password").send_keys("staff-password-3")
    driver.find_element(By.ID, "reset-button").click()
    assert "not valid" in wait_for(driver, "reset-error").text, "a reset link worked twice"
    sign_in(driver, "staff@unitec.example", "staff-password-2")
    sign_out(driver)

    log_in(driver)
    wait_for(driver, "who").click()
    wait_for(driver, "current-password").send_keys(PASSWORD)
    driver.find_element(By.ID, "new-password").send_keys("admin-password-changed")
    driver.find_element(By.ID, "change-password").click()
    wait_for(driver, "login-button")
    sign_in(driver, "admin@accord.local", "admin-password-changed")
    assert "Administrator" in wait_for(driver, "who").text
    driver.save_screenshot(f"{OUT}/10-account.png")


def provider_and_framework_pages(driver):
    """From a listing, its provider's page (QA standing, listings) and its framework's page (levels, referencing)."""
    driver.get(BASE + "/microcredentials/nz-ecnz-he-pataka-reo")
    wait_for(driver, "provider-link").click()
    assert "accredited" in wait_for(driver, "qa-status").text
    assert len(driver.find_elements(By.CSS_SELECTOR, "#listings tbody tr")) >= 1
    driver.get(BASE + "/microcredentials/nz-ecnz-he-pataka-reo")
    wait_for(driver, "level").find_element(By.TAG_NAME, "a").click()
    assert len(patient(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#levels tbody tr"))) == 10
    assert driver.find_elements(By.CSS_SELECTOR, "#referencing tbody tr"), "no referencing statements on the NZQCF page"
    driver.save_screenshot(f"{OUT}/11-framework.png")


def phone_layout(driver):
    """At 390 px wide (a phone) the main pages fit the screen's width, and the search form fits on one screen."""
    driver.set_window_size(390, 844)
    try:
        for name, path in (("home", "/"), ("listing", "/microcredentials/nz-ecnz-he-pataka-reo"), ("provider", "/providers/nz-ecnz"),
                           ("framework", "/frameworks/nzqcf")):
            driver.get(BASE + path)
            wait_for(driver, "main")
            width = driver.execute_script("return document.documentElement.scrollWidth")
            inner = driver.execute_script("return window.innerWidth")
            assert width <= inner, f"{path} is {width} px wide on a {inner} px screen"
            driver.save_screenshot(f"{OUT}/12-phone-{name}.png")
        driver.get(BASE + "/")
        bottom = driver.execute_script("return document.getElementById('search-button').getBoundingClientRect().bottom")
        assert bottom <= 844, f"the search button is {bottom} px down"
    finally:
        driver.set_window_size(1280, 1000)


def accessibility(driver):
    """axe-core's WCAG 2.0/2.1 A and AA rules on the main pages, in English and in Thai: no violation.
    (axe-selenium-python bundles axe-core 3.1.1, which predates the WCAG 2.2 tags; its 2.1 AA rules are what it can
    check.)"""
    from axe_selenium_python import Axe
    problems, version = [], None
    driver.set_script_timeout(60)
    pages = [("en", path) for path in ("/", "/microcredentials/nz-ecnz-he-pataka-reo", "/providers/nz-ecnz", "/frameworks/nzqcf",
                                       "/login", "/reference", "/providers", "/frameworks", "/verify", "/qualifications",
                                       "/qualifications/nz-forestry-leadership-l5-example",
                                       "/compare?from=hkqf&level=4&credits=15&to=nzqcf")]
    # Pages the issuing journeys opened: a batch (with its table of rows) and a printable credential (with its QR code).
    pages += [("en", path) for path in EXTRA_AXE_PAGES]
    pages += [("th", "/"), ("th", "/microcredentials/nz-ecnz-he-pataka-reo"), ("th", "/verify")]
    try:
        for language, path in pages:
            driver.get(BASE + path)
            switch_language(driver, language)
            wait_for(driver, "main")
            Axe(driver).inject()
            result = driver.execute_async_script(AXE_RUN)
            version = driver.execute_script("return axe.version")
            assert "error" not in result, f"axe did not run on {path}: {result.get('error')}"
            for rule, impact, help_text, targets in result["violations"]:
                problems.append(f"{language} {path}: {rule} ({impact}): {help_text} at {targets}")
    finally:
        switch_language(driver, "en")
    print(f"axe-core {version}: {len(problems)} violation(s) on {len(pages)} pages")
    assert not problems, "\n".join(problems)


def main():
    driver = browser()
    passed = failed = 0
    try:
        for journey in (log_in, search, open_listing, import_csv, audit_history, listing_form, admin_forms, review_workflow,
                        review_workflow_in_thai, languages, account_and_reset, provider_and_framework_pages, compare_levels, issuer_key_and_verify, batch_issue,
                        learner_record, recognition, conventions, network, meetings, phone_layout, accessibility):
            try:
                journey(driver)
                passed += 1
                print(f"browser journey {journey.__name__}: ok")
            except Exception as error:  # report every journey, then fail
                failed += 1
                driver.save_screenshot(f"{OUT}/failed-{journey.__name__}.png")
                print(f"browser journey {journey.__name__}: FAILED: {error!r} at {driver.current_url}")
                traceback.print_exc(limit=4)
                print(driver.page_source[:2000])
    finally:
        driver.quit()
    print(f"browser: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
