"""What every browser journey uses: the server's address, the admin's password, the browser, patient waits,
signing in and out, and axe-core's WCAG run."""
import json
import os

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


def sign_in(driver, email, password):
    driver.get(BASE + "/login")
    wait_for(driver, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login-button").click()
    wait_for(driver, "who")


def sign_out(driver):
    wait_for(driver, "signout").click()
    wait_for(driver, "signin")


AXE_RUN = """
var done = arguments[arguments.length - 1];
axe.run({runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})
  .then(r => done({violations: r.violations.map(v => [v.id, v.impact, v.help, v.nodes.slice(0, 3).map(n => n.target)])}))
  .catch(e => done({error: String(e)}));
"""


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


def status_of_public(driver, listing):
    """The page a visitor who is not signed in gets for a listing: its title, or the error page's text."""
    driver.get(BASE + "/microcredentials/" + listing)
    return wait_for(driver, "title").text if driver.find_elements(By.ID, "title") else driver.find_element(By.TAG_NAME, "body").text


# Pages the issuing journeys open (a batch with its rows, a printable credential with its QR code), for the axe run.
EXTRA_AXE_PAGES = []
