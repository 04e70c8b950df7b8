"""Using the header menu in browser tests as a person does: on a phone it folds into the
"Menu" button, and links that do not fit the row fold under "Meer"."""


def open_header_menu(page) -> None:
    """Unfold the header menu on a phone (on a wide screen it is always open)."""
    button = page.locator(".steunsysteem-menu__button")
    if button.is_visible() and page.locator("#main-menu[open]").count() == 0:
        button.click()


def click_menu_link(page, name: str) -> None:
    """Click a link of the header menu, unfolding the menu and "Meer" when it is in there."""
    open_header_menu(page)
    link = page.locator(".steunsysteem-nav").get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        page.locator(".steunsysteem-nav__more-button").click()
    link.click()


def log_out(page) -> None:
    open_header_menu(page)
    page.locator(".steunsysteem-nav form[action='/accounts/logout/'] button[type=submit]").click()
    page.wait_for_url("**/sociale-kaart/")
