"""Conventions and the NIC network (#16), as the secretariat's admin and a visitor use them."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import Select

from support import BASE, OUT, axe_problems, create_account, patient, sign_in, sign_out, wait_for


def conventions(driver):
    """The admin opens the Tokyo Convention from the navigation: the computed entry into force 2018-02-01 agrees with
    the record, New Zealand's bounded deposit is named, the chart of parties over time is drawn (a path with a real
    size on the screen); a wrong effective date entered through the form is flagged by name; a country's page gathers
    its conventions and NIC. A visitor sees the same page without the forms."""
    driver.get(BASE + "/")
    if driver.find_elements(By.ID, "signout"):
        sign_out(driver)
    sign_in(driver, "admin@accord.local", "admin-password-changed")  # account_and_reset changed it
    wait_for(driver, "nav-conventions").click()
    rows = {row.find_element(By.TAG_NAME, "a").text: row.text for row in driver.find_elements(By.CSS_SELECTOR, "#conventions tbody tr")}
    assert "2018-02-01" in rows.get("Tokyo Convention (2011)", ""), rows
    driver.find_element(By.LINK_TEXT, "Tokyo Convention (2011)").click()
    assert wait_for(driver, "computed-date").text == "2018-02-01"
    assert driver.find_element(By.ID, "recorded-date").text == "2018-02-01"
    assert "New Zealand" in driver.find_element(By.ID, "relies-on").text
    assert driver.find_elements(By.ID, "no-flags")
    box = driver.execute_script(
        "const r = document.querySelector('#parties-chart .series').getBoundingClientRect(); return [r.width, r.height]")
    assert box[0] > 300 and box[1] > 100, f"the chart's line is {box} px"
    assert len(driver.find_elements(By.CSS_SELECTOR, "#parties-chart circle")) == 12
    driver.save_screenshot(f"{OUT}/17-convention-tokyo.png")
    driver.find_element(By.ID, "parties-chart").screenshot(f"{OUT}/17-convention-chart.png")

    # A wrong effective date for the Holy See (the rule gives 2018-09-01), with its source.
    form = driver.find_element(By.ID, "party-form")
    for name, value in (("country", "VA"), ("state", "Holy See"), ("deposit_date", "2018-07-18"), ("effective_date", "2018-08-01"),
                        ("source", "browser journey: a misread notice")):
        form.find_element(By.NAME, name).send_keys(value)
    Select(form.find_element(By.NAME, "instrument")).select_by_value("ratification")
    driver.find_element(By.ID, "party-save").click()
    flags = wait_for(driver, "flags").text
    assert "Holy See: effective date" in flags and "2018-09-01" in flags, flags
    assert "disagrees" in driver.find_element(By.ID, "party-VA").text
    # Without a source the form is refused and says why.
    form = driver.find_element(By.ID, "rule-form")
    driver.execute_script("arguments[0].removeAttribute('required')", form.find_element(By.NAME, "source"))
    form.find_element(By.NAME, "in_force_date").clear()
    form.find_element(By.NAME, "in_force_date").send_keys("2018-03-01")
    driver.find_element(By.ID, "rule-save").click()
    assert "source" in wait_for(driver, "convention-error").text
    assert driver.find_element(By.ID, "recorded-date").text == "2018-02-01"
    driver.save_screenshot(f"{OUT}/17-convention-flagged.png")

    driver.find_element(By.CSS_SELECTOR, "#party-NZ a").click()
    memberships = wait_for(driver, "memberships").text
    assert "Tokyo Convention (2011)" in memberships and "Global Convention (2019)" in memberships, memberships
    assert "New Zealand Qualifications Authority" in driver.find_element(By.ID, "nics").text
    driver.save_screenshot(f"{OUT}/17-country-nz.png")
    sign_out(driver)

    driver.get(BASE + "/conventions/global-2019")
    assert wait_for(driver, "computed-date").text == "2023-03-05"
    assert not driver.find_elements(By.ID, "party-form") and not driver.find_elements(By.ID, "rule-form")
    # The NIC directory as a visitor: every Tokyo party covered, the ENIC-NARIC filter, no contacts column.
    driver.find_element(By.ID, "nav-conventions").click()
    wait_for(driver, "nic-directory").click()
    assert "Tokyo Convention (2011): parties with a NIC on record 12 / 12" in wait_for(driver, "coverage").text
    all_rows = len(driver.find_elements(By.CSS_SELECTOR, "#nics tbody tr"))
    Select(driver.find_element(By.ID, "network")).select_by_value("ENIC-NARIC")
    driver.find_element(By.ID, "network-button").click()
    patient(driver).until(lambda d: "network=ENIC-NARIC" in d.current_url)
    rows = driver.find_elements(By.CSS_SELECTOR, "#nics tbody tr")
    assert 0 < len(rows) < all_rows and all("ENIC-NARIC" in row.text for row in rows), [row.text for row in rows]
    assert not driver.find_elements(By.CSS_SELECTOR, "td.contacts")
    driver.save_screenshot(f"{OUT}/17-nic-directory.png")
    problems = axe_problems(driver, ["/conventions", "/conventions/tokyo-2011", "/countries/NZ", "/nics"])
    assert not problems, "\n".join(problems)


def click_and_reload(driver, element_id):
    """Clicks a button that posts a form, and waits until the page it answers with has replaced this one."""
    old = driver.find_element(By.TAG_NAME, "main")
    driver.find_element(By.ID, element_id).click()
    patient(driver).until(seen.staleness_of(old))


def answer_survey(driver, email, choices):
    """A focal point signs in, opens the survey from the navigation, saves a draft, then submits."""
    sign_in(driver, email, "focal-password-1")
    wait_for(driver, "nav-surveys").click()
    driver.find_element(By.CSS_SELECTOR, "#surveys tbody tr a").click()
    wait_for(driver, "answer-form")
    driver.find_element(By.ID, choices["q1"]).click()
    click_and_reload(driver, "answer-draft")
    assert "draft" in wait_for(driver, "your-status").text
    assert driver.find_element(By.ID, choices["q1"]).is_selected(), "the draft's answer should stay"
    # Submitting without the required answers is refused, naming them.
    click_and_reload(driver, "answer-submit")
    assert "q4" in wait_for(driver, "survey-error").text
    for element_id in (choices["q4"], choices["q5"], choices["q7"], choices["q10"]):
        driver.find_element(By.ID, element_id).click()
    driver.find_element(By.ID, "q8").send_keys(choices["q8"])
    click_and_reload(driver, "answer-submit")
    assert "submitted" in wait_for(driver, "your-status").text
    sign_out(driver)


def network(driver):
    """The seeded pre-workshop survey: the admin creates two focal points (New Zealand, Mongolia) and opens the survey;
    each answers from their own account; the admin sees the response rate and the charts of answers (measured on
    screen). New Zealand's focal point adds an item to its action plan, already overdue; the admin sees it flagged."""
    driver.get(BASE + "/")
    if driver.find_elements(By.ID, "signout"):
        sign_out(driver)
    sign_in(driver, "admin@accord.local", "admin-password-changed")
    create_account(driver, "focal@nz.example", "Aroha (NZ focal point)", "focal-password-1", "focal-point", "NZ")
    create_account(driver, "focal@mn.example", "Bat (MN focal point)", "focal-password-1", "focal-point", "MN")
    wait_for(driver, "nav-surveys").click()
    driver.find_element(By.LINK_TEXT, driver.find_element(By.CSS_SELECTOR, "#surveys tbody tr a").text).click()
    wait_for(driver, "survey-open")
    click_and_reload(driver, "survey-open")
    wait_for(driver, "survey-close")
    sign_out(driver)

    answer_survey(driver, "focal@nz.example", {"q1": "q1-1", "q4": "q4-0", "q5": "q5-4", "q7": "q7-0", "q10": "q10-4", "q8": "12"})
    answer_survey(driver, "focal@mn.example", {"q1": "q1-0", "q4": "q4-0", "q5": "q5-2", "q7": "q7-1", "q10": "q10-2", "q8": "3"})

    sign_in(driver, "focal@nz.example", "focal-password-1")
    wait_for(driver, "nav-action-plans").click()
    wait_for(driver, "i-title").send_keys("Publish recognition decisions online")
    driver.find_element(By.ID, "i-owner").send_keys("NZQA")
    driver.find_element(By.ID, "i-due").send_keys("2026-01-31")
    driver.find_element(By.ID, "i-assistance").send_keys("Peer review by NIC-Japan")
    driver.find_element(By.ID, "i-save").click()
    patient(driver).until(lambda d: "country=NZ" in d.current_url)
    row = wait_for(driver, "action-items").find_element(By.CSS_SELECTOR, "tbody tr")
    assert "overdue" in row.get_attribute("class"), row.get_attribute("outerHTML")
    sign_out(driver)

    sign_in(driver, "admin@accord.local", "admin-password-changed")
    wait_for(driver, "nav-surveys").click()
    driver.find_element(By.CSS_SELECTOR, "#surveys tbody tr a").click()
    assert wait_for(driver, "rate").text == "2 / 23"
    bars = driver.execute_script(
        "return Array.from(document.querySelectorAll('svg.bars rect')).map(r => r.getBoundingClientRect().width)")
    assert len(bars) >= 20 and max(bars) > 100, f"the answer charts' bars: {bars[:10]}"
    driver.save_screenshot(f"{OUT}/18-survey-results.png")
    driver.find_element(By.CSS_SELECTOR, "svg.bars").screenshot(f"{OUT}/18-survey-chart.png")
    wait_for(driver, "nav-action-plans").click()
    assert wait_for(driver, "overdue-count").text == "1"
    driver.save_screenshot(f"{OUT}/18-action-plans.png")

    # The regional report: the status table, the parties-over-time charts, the survey's and the registry's bars.
    wait_for(driver, "nav-report").click()
    rows = wait_for(driver, "ratification").find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) > 40, len(rows)
    tokyo = driver.execute_script(
        "const r = document.querySelector('#timeline-tokyo-2011 .series').getBoundingClientRect(); return [r.width, r.height]")
    assert tokyo[0] > 300 and tokyo[1] > 100, f"the Tokyo timeline is {tokyo} px"
    widths = driver.execute_script(
        "return ['registry-countries', 'registry-credits', 'actions-by-status'].map(id => "
        "Math.max(...Array.from(document.querySelectorAll('#' + id + ' rect')).map(r => r.getBoundingClientRect().width)))")
    assert all(width > 100 for width in widths), f"the report's bars: {widths}"
    driver.save_screenshot(f"{OUT}/19-regional-report.png")
    driver.find_element(By.ID, "timeline-global-2019").screenshot(f"{OUT}/19-report-global-timeline.png")
    driver.find_element(By.ID, "registry-credits").screenshot(f"{OUT}/19-report-credits.png")
    # The print view: a document of its own, charts inline, no navigation.
    driver.find_element(By.ID, "report-print").click()
    patient(driver).until(lambda d: d.current_url.endswith("/report/print"))
    assert driver.find_elements(By.CSS_SELECTOR, "svg") and not driver.find_elements(By.ID, "signout")
    driver.save_screenshot(f"{OUT}/19-report-print.png")
    driver.get(BASE + "/")
    problems = axe_problems(driver, ["/surveys", "/surveys/pre-workshop-tokyo-readiness", "/action-plans", "/report"])
    assert not problems, "\n".join(problems)
    sign_out(driver)


def meetings(driver):
    """The network's meetings: the admin opens the seeded Beijing workshop (its pre-workshop survey now answered by two
    countries), uploads its concept note, records an outcome for Mongolia and opens the report of what the workshop
    produced; plans the next committee session; New Zealand's focal point names its delegate and records its outcome."""
    import os
    import tempfile

    driver.get(BASE + "/")
    if driver.find_elements(By.ID, "signout"):
        sign_out(driver)
    sign_in(driver, "admin@accord.local", "admin-password-changed")
    wait_for(driver, "nav-meetings").click()
    rows = wait_for(driver, "meetings").find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) == 3, [row.text for row in rows]
    driver.find_element(By.PARTIAL_LINK_TEXT, "Capacity-building workshop").click()
    assert "2 of 23" in wait_for(driver, "meeting-survey").text
    assert len(driver.find_elements(By.CSS_SELECTOR, "#agenda li")) == 10
    note = os.path.join(tempfile.mkdtemp(), "concept-note.pdf")
    with open(note, "wb") as file:
        file.write(b"%PDF-1.4\n% Beijing workshop concept note\n")
    driver.find_element(By.ID, "doc-file").send_keys(note)
    patient(driver).until(lambda d: d.find_element(By.ID, "doc-content").get_attribute("value"))
    driver.find_element(By.ID, "doc-language").send_keys("en")
    click_and_reload(driver, "attach-button")
    assert "concept-note.pdf" in wait_for(driver, "meeting-documents").text
    Select(driver.find_element(By.ID, "o-country")).select_by_value("MN")
    driver.find_element(By.ID, "o-title").send_keys("Designate a National Information Centre")
    driver.find_element(By.ID, "o-due").send_keys("2026-01-31")
    click_and_reload(driver, "o-save")
    row = wait_for(driver, "outcomes").find_element(By.CSS_SELECTOR, "tbody tr")
    assert "MN" in row.text and "overdue" in row.get_attribute("class"), row.get_attribute("outerHTML")
    driver.save_screenshot(f"{OUT}/20-meeting-workshop.png")
    # The report of what the workshop produced: its survey's charts and its one outcome, no other country's items.
    driver.find_element(By.ID, "meeting-report").click()
    assert "Capacity-building workshop" in wait_for(driver, "report-meeting").text
    counts = driver.execute_script("return Array.from(document.querySelectorAll('#actions-by-status text')).map(t => t.textContent)")
    assert "1" in counts and "2" not in counts, counts
    driver.save_screenshot(f"{OUT}/20-meeting-report.png")

    # The admin plans the next committee session.
    wait_for(driver, "nav-meetings").click()
    Select(wait_for(driver, "m-kind")).select_by_value("committee")
    driver.find_element(By.ID, "m-title").send_keys("Seventh session of the Tokyo Convention Committee")
    driver.find_element(By.ID, "m-starts").send_keys("2027-03-10")
    driver.find_element(By.ID, "m-ends").send_keys("2027-03-11")
    driver.find_element(By.ID, "m-place").send_keys("Bangkok, Thailand")
    driver.find_element(By.CSS_SELECTOR, "input[name='conventions[]'][value='tokyo-2011']").click()
    driver.find_element(By.ID, "m-agenda").send_keys("Adoption of the agenda\nReports of the States Parties\nAPNNIC work plan")
    click_and_reload(driver, "m-save")
    assert len(wait_for(driver, "agenda").find_elements(By.TAG_NAME, "li")) == 3
    session = driver.current_url
    sign_out(driver)

    # New Zealand's focal point names its delegate (only New Zealand is offered) and records its outcome.
    sign_in(driver, "focal@nz.example", "focal-password-1")
    driver.get(session)
    countries = [option.get_attribute("value") for option in Select(wait_for(driver, "p-country")).options]
    assert countries == ["NZ"], countries
    assert not driver.find_elements(By.ID, "meeting-form") and not driver.find_elements(By.ID, "document-form")
    driver.find_element(By.ID, "p-name").send_keys("Aroha Ngata")
    Select(driver.find_element(By.ID, "p-nic")).select_by_value("nz-nzqa")
    click_and_reload(driver, "p-add")
    assert "Aroha Ngata" in wait_for(driver, "participants").text and "NZQA" in driver.find_element(By.ID, "participants").text
    # A second delegate, then the first one taken off by her row's button: the form names her, not a position.
    driver.find_element(By.ID, "p-name").send_keys("Tama Rangi")
    click_and_reload(driver, "p-add")
    old = driver.find_element(By.TAG_NAME, "main")
    row = next(r for r in wait_for(driver, "participants").find_elements(By.TAG_NAME, "tr") if "Aroha Ngata" in r.text)
    row.find_element(By.TAG_NAME, "button").click()
    patient(driver).until(seen.staleness_of(old))
    listed = wait_for(driver, "participants").text
    assert "Tama Rangi" in listed and "Aroha Ngata" not in listed, listed
    driver.find_element(By.ID, "p-name").send_keys("Aroha Ngata")
    Select(driver.find_element(By.ID, "p-nic")).select_by_value("nz-nzqa")
    click_and_reload(driver, "p-add")
    assert "Aroha Ngata" in wait_for(driver, "participants").text
    driver.find_element(By.ID, "o-title").send_keys("Report on the NZ recognition guide")
    click_and_reload(driver, "o-save")
    assert "Report on the NZ recognition guide" in wait_for(driver, "outcomes").text
    driver.save_screenshot(f"{OUT}/20-meeting-session.png")
    problems = axe_problems(driver, ["/meetings", session[len(BASE):]])
    assert not problems, "\n".join(problems)
    sign_out(driver)
