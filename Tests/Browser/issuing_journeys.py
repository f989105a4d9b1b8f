"""Issuing and holding: an issuer key and the public verifier, a batch from CSV, and the learner's record (claim,
import, stacking, sharing, an award)."""
import json
import tempfile

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import Select, WebDriverWait

from support import (ACCORD, AXE_RUN, BASE, EXTRA_AXE_PAGES, OUT, PASSWORD, create_account, patient, sign_in, sign_out,
                     wait_for)


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
    create_account(driver, "mere@example.org", "Mere Tipene", "learner-password-1", "learner")
    create_account(driver, "awards@mukatangata.example", "Awards Officer", "staff-password-1", "provider-staff", "nz-mukatangata")
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
