"""Key journeys through the real pages in headless chromium; each saves a screenshot under test-output/browser/."""
import json
import os
import sys
import traceback
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ["ACCORD_URL"]
PASSWORD = os.environ["ACCORD_ADMIN_PASSWORD"]
OUT = "test-output/browser"
ACCORD = os.environ.get("ACCORD_BINARY", ".build/debug/accord")
LOCALES = os.path.join(os.path.dirname(__file__), "../../Sources/WebApp/Locales")


def phrase(language, english):
    """The interface's phrase in a language, from the same catalogue the server reads."""
    if language == "en":
        return english
    with open(os.path.join(LOCALES, f"{language}.json"), encoding="utf-8") as file:
        return json.load(file)["phrases"][english]


def switch_language(driver, language):
    """Click the language switch in the page header, as a visitor would."""
    wait_for(driver, "languages")
    links = driver.find_elements(By.ID, f"lang-{language}")
    if links:
        links[0].click()
    patient(driver).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == language)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    return driver


def patient(driver):
    """A 15 s wait that retries while the page is being replaced (an element read from the old page goes stale; chromium
    sometimes reports that as a plain WebDriverException, "Node with given id does not belong to the document")."""
    return WebDriverWait(driver, 15, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException, WebDriverException))


def wait_for(driver, element_id):
    """The element once the page that holds it has loaded (a slow machine may still be navigating)."""
    return patient(driver).until(seen.presence_of_element_located((By.ID, element_id)))


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


def sign_in(driver, email, password):
    driver.get(BASE + "/login")
    wait_for(driver, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login-button").click()
    wait_for(driver, "who")


def sign_out(driver):
    wait_for(driver, "signout").click()
    wait_for(driver, "signin")


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


def compare_levels(driver):
    """The comparison form as a visitor uses it: HKQF 4 with 15 credits into NZQCF (levels 5-6 by NZQA's statement, read
    backwards; 150 hours, 15 credits), then into MQF (no basis, the unread Malaysian statement named)."""
    driver.get(BASE + "/")
    wait_for(driver, "nav-compare").click()
    Select(wait_for(driver, "compare-from")).select_by_value("hkqf")
    driver.find_element(By.ID, "compare-level").send_keys("4")
    driver.find_element(By.ID, "compare-credits").send_keys("15")
    Select(driver.find_element(By.ID, "compare-to")).select_by_value("nzqcf")
    driver.find_element(By.ID, "compare-button").click()
    answer = wait_for(driver, "compare-answer").text
    assert "5–6" in answer, answer
    assert wait_for(driver, "compare-hours-result").text == "150"
    assert driver.find_element(By.ID, "compare-credits-result").text == "15"
    rows = driver.find_elements(By.CSS_SELECTOR, "#compare-path tbody tr")
    assert len(rows) == 1 and "nzqf-hkqf" in rows[0].text, [r.text for r in rows]
    driver.save_screenshot(f"{OUT}/12-compare.png")
    Select(driver.find_element(By.ID, "compare-to")).select_by_value("mqf")
    driver.find_element(By.ID, "compare-button").click()
    patient(driver).until(lambda d: "mqf" in d.current_url)
    assert "mqf-aqrf" in wait_for(driver, "compare-explanation").text
    assert not driver.find_elements(By.ID, "compare-path")


def axe_problems(driver, paths):
    """axe-core's WCAG A/AA violations on each of `paths`, as lines."""
    from axe_selenium_python import Axe
    problems = []
    driver.set_script_timeout(60)
    for path in paths:
        driver.get(BASE + path)
        wait_for(driver, "main")
        Axe(driver).inject()
        result = driver.execute_async_script(AXE_RUN)
        problems += [f"{path}: {rule} ({impact}): {text} at {targets}" for rule, impact, text, targets in result["violations"]]
    return problems


def create_account(driver, email, name, password, role, scope=None):
    driver.get(BASE + "/admin")
    wait_for(driver, "a-email").send_keys(email)
    driver.find_element(By.ID, "a-name").send_keys(name)
    driver.find_element(By.ID, "a-password").send_keys(password)
    Select(driver.find_element(By.ID, "a-role")).select_by_value(role)
    if scope:
        Select(driver.find_element(By.ID, "a-scope")).select_by_value(scope)
    driver.find_element(By.ID, "a-save").click()
    patient(driver).until(lambda d: "created" in d.find_element(By.TAG_NAME, "body").text)


def describe(driver, number, title, awarded_by, country, framework, level, credits, outcomes):
    wait_for(driver, f"d{number}-title").send_keys(title)
    driver.find_element(By.ID, f"d{number}-awarded-by").send_keys(awarded_by)
    driver.find_element(By.ID, f"d{number}-country").send_keys(country)
    Select(driver.find_element(By.ID, f"d{number}-framework")).select_by_value(framework)
    driver.find_element(By.ID, f"d{number}-level").send_keys(str(level))
    if credits:
        driver.find_element(By.ID, f"d{number}-credits").send_keys(str(credits))
    driver.find_element(By.ID, f"d{number}-description").send_keys(outcomes)


def recognition(driver):
    """#15 as a new user tries it: Mere applies to the New Zealand NIC with a Hong Kong microcredential (HKQF 4, 15
    credits) and an Australian degree (AQF 7); the evaluator sees the evidence and the proposed NZQCF levels and
    credits with their paths, records partial recognition with a substantial difference and issues the statement;
    Mere sees it and appeals; the appeal is decided; an employer, signed out, verifies the statement. A second
    application goes to the Malaysian NIC: no basis for a level, decided from the learning outcomes."""
    import urllib.request
    driver.get(BASE + "/")
    wait_for(driver, "main")
    if driver.find_elements(By.ID, "signout"):
        sign_out(driver)
    password = "admin-password-changed"  # account_and_reset changed it
    sign_in(driver, "admin@accord.local", password)
    # Malaysia's NIC is not in the seeded directory: the admin adds it through the API, with a source.
    token = json.loads(urllib.request.urlopen(urllib.request.Request(
        BASE + "/api/v1/tokens", data=json.dumps({"email": "admin@accord.local", "password": password}).encode(),
        headers={"Content-Type": "application/json"}, method="POST")).read())["token"]
    nic = {"id": "my-mqa", "country": "MY", "country_name": "Malaysia", "body": "Malaysian Qualifications Agency", "acronym": "MQA",
           "networks": ["APNNIC"], "provenance": {"source": "https://www2.mqa.gov.my/", "as_of": "2026-12-01", "confirmed": False}}
    urllib.request.urlopen(urllib.request.Request(
        BASE + "/api/v1/nics/my-mqa", data=json.dumps(nic).encode(), method="PUT",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})).read()
    create_account(driver, "eval@nzqa.example", "Hana Evaluator", "evaluator-password-1", "evaluator", "nz-nzqa")
    create_account(driver, "eval@mqa.example", "Aziz Evaluator", "evaluator-password-2", "evaluator", "my-mqa")
    sign_out(driver)

    sign_in(driver, "mere@example.org", "learner-password-1")
    wait_for(driver, "nav-recognition").click()
    wait_for(driver, "apply-link").click()
    Select(wait_for(driver, "a-nic")).select_by_value("nz-nzqa")
    Select(driver.find_element(By.ID, "a-purpose")).select_by_value("further-study")
    Select(driver.find_element(By.ID, "a-kind")).select_by_value("partial-studies")
    describe(driver, 1, "Certificate in Data Analytics for Logistics", "Vocational Training Council", "HK", "hkqf", 4, 15,
             "Clean and model logistics data; build dashboards; assessed by project.")
    describe(driver, 2, "Bachelor of Environmental Science", "Southern Cross University", "AU", "aqf", 7, None,
             "Three-year degree; final-year research project.")
    driver.find_element(By.ID, "apply-button").click()
    assert wait_for(driver, "case-state").get_attribute("data-state") == "draft"
    # The Australian degree has no digital version: a scan of the diploma goes with the application.
    import base64
    scan = os.path.join(tempfile.mkdtemp(), "diploma-scan.png")
    with open(scan, "wb") as file:
        file.write(base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="))
    wait_for(driver, "doc-file").send_keys(scan)
    patient(driver).until(lambda d: d.find_element(By.ID, "doc-content").get_attribute("value"))
    driver.find_element(By.ID, "attach-button").click()
    patient(driver).until(lambda d: "diploma-scan.png" in d.find_element(By.ID, "documents").text)
    wait_for(driver, "submit-case").click()
    patient(driver).until(lambda d: d.find_element(By.ID, "case-state").get_attribute("data-state") == "evidence-gathered")
    case_url = driver.current_url
    problems = axe_problems(driver, ["/recognition/apply", case_url[len(BASE):], "/recognition"])
    sign_out(driver)

    sign_in(driver, "eval@nzqa.example", "evaluator-password-1")
    wait_for(driver, "nav-recognition").click()
    queue = wait_for(driver, "cases").text
    assert "Certificate in Data Analytics for Logistics" in queue, queue
    driver.get(case_url)
    proposed = [e.text for e in patient(driver).until(lambda d: d.find_elements(By.CLASS_NAME, "proposed-levels"))]
    assert proposed == ["nzqcf 5–6", "nzqcf 7"], proposed
    assert "15 credits" in driver.find_element(By.CLASS_NAME, "proposed-volume").text
    paths = driver.find_elements(By.CSS_SELECTOR, "ul.path")
    assert "nzqf-hkqf" in paths[0].text and "aqf-nzqf" in paths[1].text, [p.text for p in paths]
    assert "Tokyo Convention" in driver.find_element(By.ID, "conventions").text
    assert "diploma-scan.png" in driver.find_element(By.ID, "documents").text
    driver.save_screenshot(f"{OUT}/30-case-evidence.png")
    wait_for(driver, "take-case").click()
    Select(wait_for(driver, "d-outcome")).select_by_value("partial")
    driver.find_element(By.ID, "d-credits").send_keys("15")
    Select(driver.find_element(By.ID, "d-difference-kind")).select_by_value("workload")
    driver.find_element(By.ID, "d-difference-text").send_keys("The degree's final year has no research component at NZ level 7.")
    driver.find_element(By.ID, "d-reasons").send_keys("HKQF 4 compares to NZQCF 5-6; 15 credits recognised toward a level 6 diploma.")
    driver.find_element(By.ID, "decide-button").click()
    patient(driver).until(lambda d: d.find_element(By.ID, "case-state").get_attribute("data-state") == "decided")
    assert "partial" in driver.find_element(By.ID, "decision-outcome").text
    driver.get(BASE + "/recognition")
    wait_for(driver, "precedent-q").send_keys("data analytics")
    driver.find_element(By.ID, "precedent-button").click()
    assert "Certificate in Data Analytics for Logistics" in wait_for(driver, "precedent-results").text
    problems += axe_problems(driver, ["/recognition", "/recognition/statistics"])
    sign_out(driver)

    sign_in(driver, "mere@example.org", "learner-password-1")
    driver.get(case_url)
    statement_url = wait_for(driver, "statements").find_element(By.CLASS_NAME, "statement-link").get_attribute("href")
    wait_for(driver, "appeal-grounds").send_keys("The final-year project was research at level 7.")
    driver.find_element(By.ID, "appeal-button").click()
    patient(driver).until(lambda d: d.find_element(By.ID, "case-state").get_attribute("data-state") == "appealed")
    sign_out(driver)
    sign_in(driver, "eval@nzqa.example", "evaluator-password-1")
    driver.get(case_url)
    Select(wait_for(driver, "ad-outcome")).select_by_value("full")
    driver.find_element(By.ID, "ad-level").send_keys("7")
    driver.find_element(By.ID, "ad-reasons").send_keys("The project evidence shows level 7 research.")
    driver.find_element(By.ID, "appeal-decide-button").click()
    patient(driver).until(lambda d: d.find_element(By.ID, "case-state").get_attribute("data-state") == "appeal-decided")
    assert len(driver.find_elements(By.CLASS_NAME, "statement-link")) == 2
    sign_out(driver)

    # The employer, signed out: the statement's page, its signed JSON pasted into the verifier.
    driver.get(statement_url)
    assert "Mere Tipene" in wait_for(driver, "statement-applicant").text
    driver.save_screenshot(f"{OUT}/31-statement.png")
    problems += axe_problems(driver, [statement_url[len(BASE):]])
    document = urllib.request.urlopen(wait_for(driver, "statement-json").get_attribute("href")).read().decode()
    driver.get(BASE + "/verify")
    driver.execute_script("document.getElementById('credential').value = arguments[0]", document)
    wait_for(driver, "verify-button").click()
    assert "valid" in wait_for(driver, "verdict-text").text.lower() and "not" not in wait_for(driver, "verdict-text").text.lower()
    assert "National Information Centre" in wait_for(driver, "registry").text
    driver.save_screenshot(f"{OUT}/32-statement-verified.png")

    # Malaysia: no MQF level table, so the honest "no basis"; the evaluator decides from the learning outcomes.
    sign_in(driver, "mere@example.org", "learner-password-1")
    driver.get(BASE + "/recognition/apply")
    Select(wait_for(driver, "a-nic")).select_by_value("my-mqa")
    Select(driver.find_element(By.ID, "a-purpose")).select_by_value("employment")
    Select(driver.find_element(By.ID, "a-kind")).select_by_value("microcredential")
    describe(driver, 1, "Certificate in Data Analytics for Logistics", "Vocational Training Council", "HK", "hkqf", 4, 15,
             "Clean and model logistics data; build dashboards; assessed by project.")
    driver.find_element(By.ID, "apply-button").click()
    wait_for(driver, "submit-case").click()
    patient(driver).until(lambda d: d.find_element(By.ID, "case-state").get_attribute("data-state") == "evidence-gathered")
    malaysia_url = driver.current_url
    sign_out(driver)
    sign_in(driver, "eval@mqa.example", "evaluator-password-2")
    driver.get(malaysia_url)
    explanation = wait_for(driver, "main").find_element(By.CLASS_NAME, "explanation").text
    assert "No basis" in explanation and "mqf-aqrf" in explanation, explanation
    wait_for(driver, "take-case").click()
    Select(wait_for(driver, "d-outcome")).select_by_value("full")
    driver.find_element(By.ID, "d-reasons").send_keys("The stated learning outcomes match MQF level 4 descriptors for data work.")
    driver.find_element(By.ID, "decide-button").click()
    patient(driver).until(lambda d: d.find_element(By.ID, "case-state").get_attribute("data-state") == "decided")
    driver.get(case_url)
    assert "own NIC" in wait_for(driver, "problem").text, "another NIC's evaluator saw the case"
    sign_out(driver)
    assert not problems, "\n".join(problems)


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


AXE_RUN = """
var done = arguments[arguments.length - 1];
axe.run({runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})
  .then(r => done({violations: r.violations.map(v => [v.id, v.impact, v.help, v.nodes.slice(0, 3).map(n => n.target)])}))
  .catch(e => done({error: String(e)}));
"""


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


def issuer_key_and_verify(driver):
    """The issuer key from the provider page; anyone verifies, on the verify page, a credential another tool signed
    (valid, "issuer not in the registry") and the same credential altered (not valid); then a credential issued from
    the listing page reaches its learner's claim link and verifies with the registry's facts."""
    import subprocess
    driver.get(BASE + "/providers/nz-ecnz")
    wait_for(driver, "new-key").click()
    patient(driver).until(lambda d: "did:key:" in d.find_element(By.ID, "keys").text)
    assert "did:web:" in wait_for(driver, "provider-did").text
    driver.save_screenshot(f"{OUT}/14-issuer-key.png")
    work = tempfile.mkdtemp()
    did = subprocess.run([ACCORD, "key", "generate", "--out", f"{work}/key.json"], capture_output=True, text=True, check=True).stdout.strip()
    with open(f"{work}/credential.json", "w", encoding="utf-8") as file:
        json.dump({"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "urn:uuid:5b0c3d8e-0000-4000-8000-000000000003",
                   "type": ["VerifiableCredential"], "issuer": did, "validFrom": "2026-01-01T00:00:00Z",
                   "credentialSubject": {"id": "did:example:learner", "name": "Browser learner"}}, file)
    signed = subprocess.run([ACCORD, "credential", "sign", f"{work}/credential.json", "--key", f"{work}/key.json"],
                            capture_output=True, text=True, check=True).stdout
    for text, valid in ((signed, True), (signed.replace("Browser learner", "Someone else"), False)):
        wait_for(driver, "nav-verify").click()
        box = wait_for(driver, "credential")
        driver.execute_script("arguments[0].value = arguments[1];", box, text)
        driver.find_element(By.ID, "verify-button").click()
        verdict = wait_for(driver, "verdict-text").text
        assert verdict == ("This credential is valid." if valid else "This credential is not valid."), verdict
        if valid:
            assert driver.find_elements(By.ID, "not-in-registry"), "an outsider's credential is not said to be outside the registry"
            driver.save_screenshot(f"{OUT}/15-verified.png")
    driver.save_screenshot(f"{OUT}/16-tampered.png")

    # Issued from the listing page with the provider's key; the learner's claim link shows it valid; the downloaded
    # file verifies on the verify page with the registry's facts.
    driver.get(BASE + "/microcredentials/nz-ecnz-he-pataka-reo")
    wait_for(driver, "i-name").send_keys("Aroha Ngata")
    driver.find_element(By.ID, "i-email").send_keys("aroha@example.org")
    driver.find_element(By.ID, "issue-button").click()
    claim = wait_for(driver, "claim-link").text
    assert claim.startswith("/claim/"), claim
    driver.save_screenshot(f"{OUT}/17-issued.png")
    driver.get(BASE + claim)
    assert wait_for(driver, "claim-verdict").text == "This credential is valid."
    driver.save_screenshot(f"{OUT}/18-claim.png")
    download = driver.find_element(By.ID, "download-json").get_attribute("href")
    # The printable page's QR code, read back by zbar from a screenshot: it holds the verification link.
    claim_page = driver.current_url
    driver.get(driver.find_element(By.ID, "print-link").get_attribute("href"))
    EXTRA_AXE_PAGES.append(driver.current_url[len(BASE):])
    expected = wait_for(driver, "print-verify").text
    wait_for(driver, "qr").screenshot(f"{OUT}/18b-qr.png")
    driver.save_screenshot(f"{OUT}/18a-printable.png")
    decoded = subprocess.run(["zbarimg", "-q", "--raw", f"{OUT}/18b-qr.png"], capture_output=True, text=True, check=True).stdout.strip()
    assert decoded == expected and "/verify/urn:uuid:" in decoded, (decoded, expected)
    driver.get(claim_page)
    verify_link = driver.find_element(By.ID, "verify-link").get_attribute("href")
    issued = driver.execute_script("return fetch(arguments[0]).then(r => r.text());", download)
    assert "aroha@example.org" not in issued.lower(), "the email is in the credential"
    wait_for(driver, "nav-verify").click()
    driver.execute_script("arguments[0].value = arguments[1];", wait_for(driver, "credential"), issued)
    driver.find_element(By.ID, "verify-button").click()
    assert wait_for(driver, "verdict-text").text == "This credential is valid."
    assert "Te Rito Maioha" in wait_for(driver, "registry-provider").text
    driver.save_screenshot(f"{OUT}/19-verified-registry.png")
    driver.get(verify_link)
    assert wait_for(driver, "verdict-text").text == "This credential is valid.", "the verification link does not say valid"

    # Revoked from the provider page with a reason: the same file now verifies red, with the reason.
    driver.get(BASE + "/providers/nz-ecnz")
    row = patient(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "#issued-credentials tbody tr"))
    Select(row.find_element(By.NAME, "action")).select_by_value("revoke")
    row.find_element(By.NAME, "reason").send_keys("Issued to the wrong learner")
    row.find_element(By.TAG_NAME, "button").click()
    patient(driver).until(lambda d: "Issued to the wrong learner" in d.find_element(By.ID, "issued-credentials").text)
    wait_for(driver, "nav-verify").click()
    driver.execute_script("arguments[0].value = arguments[1];", wait_for(driver, "credential"), issued)
    driver.find_element(By.ID, "verify-button").click()
    assert wait_for(driver, "verdict-text").text == "This credential is not valid."
    steps = driver.find_element(By.ID, "steps").text
    assert "the credential is revoked" in steps, steps
    assert "Issued to the wrong learner" in driver.find_element(By.ID, "registry").text
    driver.save_screenshot(f"{OUT}/20-revoked.png")


def batch_issue(driver):
    """A batch of 1,000 learners from a CSV on the listing page: the preview shows the refused row before anything is
    issued; confirming issues in the background while the page follows the progress; the rows link to their
    credentials, which verify; the report holds a claim link per learner; the provider page lists the batch."""
    rows = ["email,name,completion date,result"] + [f"batch{i}@example.org,Batch Learner {i},2026-10-{i % 28 + 1:02d},Pass" for i in range(1000)]
    rows.append("not-an-email,Nobody,2026-10-01,")
    driver.get(BASE + "/microcredentials/nz-ecnz-he-pataka-reo")
    driver.execute_script("arguments[0].value = arguments[1];", wait_for(driver, "batch-text"), "\n".join(rows) + "\n")
    driver.find_element(By.ID, "batch-button").click()
    assert "1001 learners in the file: 1000 ready, 1 refused." in wait_for(driver, "batch-summary").text
    first_row = driver.find_element(By.CSS_SELECTOR, "#batch-rows tbody tr").text
    assert "'not-an-email' is not an email address" in first_row, first_row
    assert driver.find_element(By.ID, "batch-state").text == "preview: not yet issued"
    driver.save_screenshot(f"{OUT}/21-batch-preview.png")
    wait_for(driver, "confirm-batch").click()
    # The page follows the run through the API and reloads itself when the batch is done.
    WebDriverWait(driver, 120, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
        lambda d: d.find_element(By.ID, "batch-state").text == "done")
    assert wait_for(driver, "batch-count").text == "1000"
    driver.save_screenshot(f"{OUT}/22-batch-done.png")
    EXTRA_AXE_PAGES.append(driver.current_url[len(BASE):])
    report = driver.execute_script("return fetch(arguments[0]).then(r => r.text());", driver.find_element(By.ID, "batch-report").get_attribute("href"))
    lines = report.strip().split("\r\n")
    assert len(lines) == 1002, len(lines)
    assert sum(1 for line in lines if ",issued,urn:uuid:" in line and "/claim/" in line) == 1000
    # Absolute links name ACCORD_PUBLIC_URL (unset here, so the server's own address): open the path on this server.
    claim = next(line for line in lines if ",issued," in line).split(",")[8]
    driver.get(BASE + claim[claim.index("/claim/"):])
    assert wait_for(driver, "claim-verdict").text == "This credential is valid."
    driver.back()
    wait_for(driver, "batch-rows").find_element(By.LINK_TEXT, "issued").click()
    assert wait_for(driver, "verdict-text").text == "This credential is valid."
    driver.get(BASE + "/providers/nz-ecnz")
    assert "1000 / 1000 (1001)" in wait_for(driver, "batch-list").text
    # The dashboard: find one learner of the batch, revoke from the filtered list, then list the revoked ones.
    wait_for(driver, "f-q").send_keys("batch517@")
    Select(driver.find_element(By.ID, "f-batch")).select_by_index(1)
    driver.find_element(By.ID, "filter-button").click()
    # Read the rows of the filtered page, not of the page being replaced.
    patient(driver).until(seen.url_contains("q=batch517"))
    rows = patient(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#issued-credentials tbody tr"))
    assert len(rows) == 1 and "Batch Learner 517" in rows[0].text, [row.text for row in rows]
    Select(rows[0].find_element(By.NAME, "action")).select_by_value("revoke")
    rows[0].find_element(By.NAME, "reason").send_keys("Withdrawn from the cohort")
    rows[0].find_element(By.TAG_NAME, "button").click()
    patient(driver).until(lambda d: "Withdrawn from the cohort" in d.find_element(By.ID, "issued-credentials").text)
    Select(wait_for(driver, "f-state")).select_by_value("revoked")
    driver.find_element(By.ID, "filter-button").click()
    patient(driver).until(lambda d: "state=revoked" in d.current_url)
    revoked = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "#issued-credentials tbody tr")]
    assert any("Batch Learner 517" in text for text in revoked) and not any("Batch Learner 516" in text for text in revoked), revoked
    driver.save_screenshot(f"{OUT}/23-dashboard-filter.png")


EXTRA_AXE_PAGES = []


def learner_record(driver):
    """A learner keeps two credentials from their claim links, imports one that an issuer outside the registry signed
    (6 ECTS at EQF 5), and sees all three stack toward the seeded forestry pathway with the conversion explained;
    hidden, the leadership credential stops counting. The record and progress pages pass axe."""
    import subprocess
    from axe_selenium_python import Axe
    driver.get(BASE + "/")
    wait_for(driver, "main")
    if not driver.find_elements(By.ID, "signout"):
        sign_in(driver, "admin@accord.local", PASSWORD)
    driver.get(BASE + "/providers/nz-mukatangata")
    wait_for(driver, "new-key").click()
    patient(driver).until(lambda d: "did:key:" in d.find_element(By.ID, "keys").text)
    claims = []
    for listing in ("nz-nzqa-128484-1", "nz-nzqa-128479-1"):
        driver.get(BASE + "/microcredentials/" + listing)
        wait_for(driver, "i-name").send_keys("Mere Tipene")
        driver.find_element(By.ID, "i-email").send_keys("mere@example.org")
        driver.find_element(By.ID, "issue-button").click()
        claims.append(wait_for(driver, "claim-link").text)
    driver.get(BASE + "/admin")
    wait_for(driver, "a-email").send_keys("mere@example.org")
    driver.find_element(By.ID, "a-name").send_keys("Mere Tipene")
    driver.find_element(By.ID, "a-password").send_keys("learner-password-1")
    Select(driver.find_element(By.ID, "a-role")).select_by_value("learner")
    driver.find_element(By.ID, "a-save").click()
    patient(driver).until(lambda d: "created" in d.find_element(By.TAG_NAME, "body").text)
    driver.get(BASE + "/admin")
    wait_for(driver, "a-email").send_keys("awards@mukatangata.example")
    driver.find_element(By.ID, "a-name").send_keys("Awards Officer")
    driver.find_element(By.ID, "a-password").send_keys("staff-password-1")
    Select(driver.find_element(By.ID, "a-role")).select_by_value("provider-staff")
    Select(driver.find_element(By.ID, "a-scope")).select_by_value("nz-mukatangata")
    driver.find_element(By.ID, "a-save").click()
    patient(driver).until(lambda d: "created" in d.find_element(By.TAG_NAME, "body").text)
    sign_out(driver)
    sign_in(driver, "mere@example.org", "learner-password-1")
    for claim in claims:
        driver.get(BASE + claim)
        wait_for(driver, "keep-button").click()
        wait_for(driver, "record-entries")
    work = tempfile.mkdtemp()
    did = subprocess.run([ACCORD, "key", "generate", "--out", f"{work}/key.json"], capture_output=True, text=True, check=True).stdout.strip()
    badge = {"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
             "id": "urn:uuid:5b0c3d8e-0000-4000-8000-000000000014", "type": ["VerifiableCredential", "OpenBadgeCredential"],
             "issuer": {"id": did, "type": ["Profile"], "name": "Forest School Europe"}, "validFrom": "2026-10-01T00:00:00Z",
             "name": "Sustainable forest operations",
             "credentialSubject": {"id": "did:example:mere", "type": ["AchievementSubject"], "achievement": {
                 "id": "https://forest.example/achievements/sfo", "type": ["Achievement"], "name": "Sustainable forest operations",
                 "description": "Plan and run sustainable harvesting", "criteria": {"narrative": "Assessed project"}, "creditsAvailable": 6,
                 "alignment": [{"type": ["Alignment"], "targetName": "EQF level 5", "targetUrl": "https://europass.europa.eu/en/eqf",
                                "targetFramework": "eqf", "targetCode": "5"}]}}}
    with open(f"{work}/badge.json", "w", encoding="utf-8") as file:
        json.dump(badge, file)
    signed = subprocess.run([ACCORD, "credential", "sign", f"{work}/badge.json", "--key", f"{work}/key.json", "--suite", "eddsa-rdfc-2022"],
                            capture_output=True, text=True, check=True).stdout
    driver.get(BASE + "/record")
    driver.execute_script("arguments[0].value = arguments[1];", wait_for(driver, "import-credential"), signed)
    driver.find_element(By.ID, "import-button").click()
    patient(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#record-entries tbody tr")) == 3)
    assert "Sustainable forest operations" in driver.find_element(By.ID, "record-entries").text
    driver.save_screenshot(f"{OUT}/23-record.png")
    # The same file again is recognised, and nothing is added.
    driver.execute_script("arguments[0].value = arguments[1];", wait_for(driver, "import-credential"), signed)
    driver.find_element(By.ID, "import-button").click()
    assert "already" in wait_for(driver, "record-error").text
    driver.get(BASE + "/record/progress/nz-forestry-leadership-l5-example")
    assert wait_for(driver, "progress-status").text.startswith("Every rule is met"), driver.find_element(By.ID, "progress-status").text
    table = driver.find_element(By.ID, "progress-credentials").text
    assert "6 eqf credits = 150–180 notional hours = 15–18 nzqcf credits." in table, table
    driver.save_screenshot(f"{OUT}/24-progress.png")
    # Complete: the learner asks for the qualification; the provider's staff issue it; it joins the record.
    wait_for(driver, "ask-button").click()
    assert "waiting for the provider" in wait_for(driver, "award-requests").text
    sign_out(driver)
    sign_in(driver, "awards@mukatangata.example", "staff-password-1")
    wait_for(driver, "nav-awards").click()
    wait_for(driver, "main").find_element(By.CLASS_NAME, "issue-award").click()
    patient(driver).until(lambda d: d.find_element(By.CLASS_NAME, "award-status").text == "issued")
    driver.save_screenshot(f"{OUT}/24a-award-issued.png")
    sign_out(driver)
    sign_in(driver, "mere@example.org", "learner-password-1")
    driver.get(BASE + "/record")
    assert "Forestry roading and leadership" in wait_for(driver, "record-entries").text, "the qualification is not in the record"
    problems = []
    driver.set_script_timeout(60)
    for path in ("/record", "/record/progress/nz-forestry-leadership-l5-example"):
        driver.get(BASE + path)
        wait_for(driver, "main")
        Axe(driver).inject()
        result = driver.execute_async_script(AXE_RUN)
        problems += [f"{path}: {rule} ({impact}): {text} at {targets}" for rule, impact, text, targets in result["violations"]]
    assert not problems, "\n".join(problems)
    # Shared through a link: signed out, anyone with the link sees the three verified; revoked, the link is gone.
    driver.get(BASE + "/record")
    wait_for(driver, "share-button").click()
    link = wait_for(driver, "share-link").text
    assert "/shared/" in link, link
    driver.save_screenshot(f"{OUT}/25-share-made.png")
    sign_out(driver)
    driver.get(link)
    shared = wait_for(driver, "shared-credentials").text
    assert shared.count("This credential is valid.") == 4, shared
    driver.save_screenshot(f"{OUT}/26-shared.png")
    Axe(driver).inject()
    result = driver.execute_async_script(AXE_RUN)
    problems += [f"/shared: {rule} ({impact}): {text} at {targets}" for rule, impact, text, targets in result["violations"]]
    assert not problems, "\n".join(problems)
    sign_in(driver, "mere@example.org", "learner-password-1")
    driver.get(BASE + "/record")
    wait_for(driver, "record-shares").find_element(By.XPATH, ".//button[text()='Revoke']").click()
    patient(driver).until(lambda d: "revoked" in d.find_element(By.ID, "record-shares").text)
    driver.get(link)
    assert "share link" in wait_for(driver, "main").text, "a revoked link still opens"
    # Hidden, the leadership credential stops counting.
    driver.get(BASE + "/record")
    row = patient(driver).until(lambda d: [r for r in d.find_elements(By.CSS_SELECTOR, "#record-entries tbody tr") if "Core Forestry Leadership" in r.text][0])
    row.find_element(By.XPATH, ".//button[text()='Hide']").click()
    patient(driver).until(lambda d: "hidden" in d.find_element(By.ID, "record-entries").text)
    driver.get(BASE + "/record/progress/nz-forestry-leadership-l5-example")
    assert wait_for(driver, "progress-status").text.startswith("Not complete yet")
    sign_out(driver)


def status_of_public(driver, listing):
    """The page a visitor who is not signed in gets for a listing: its title, or the error page's text."""
    driver.get(BASE + "/microcredentials/" + listing)
    return wait_for(driver, "title").text if driver.find_elements(By.ID, "title") else driver.find_element(By.TAG_NAME, "body").text


def main():
    driver = browser()
    passed = failed = 0
    try:
        for journey in (log_in, search, open_listing, import_csv, audit_history, listing_form, admin_forms, review_workflow,
                        review_workflow_in_thai, languages, account_and_reset, provider_and_framework_pages, compare_levels, issuer_key_and_verify, batch_issue,
                        learner_record, recognition, phone_layout, accessibility):
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
