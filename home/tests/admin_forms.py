"""Read a Wagtail admin form the way a browser would submit it, for tests that post edits."""

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client


def logged_in(username):
    """A test client logged in as a new administrator `username`."""
    user = get_user_model().objects.create_superuser(username, f"{username}@example.org", "x")
    client = Client()
    client.force_login(user)
    return client


def form_data(html, form_id="page-edit-form"):
    """{name: value or [values]} of the form's fields as a browser would send them unchanged."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    data = {}

    def add(name, value):
        if name in data:
            data[name] = (data[name] if isinstance(data[name], list) else [data[name]]) + [value]
        else:
            data[name] = value

    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            add(name, field.get_text())
        elif field.name == "select":
            chosen = field.find_all("option", selected=True) or field.find_all("option")[:1]
            for option in chosen if field.has_attr("multiple") else chosen[:1]:
                add(name, option.get("value", option.get_text()))
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                add(name, field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file", "image"):
            add(name, field.get("value", ""))
    return data
