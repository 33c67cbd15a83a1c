"""A text column stored encrypted (followup.crypto): the database only ever sees a Fernet token.

In Python the value is clear text, wrapped in Secret so that a traceback's local variables or a
repr() in an error report show a mask rather than the number or the address.
"""

from django.db import models

from . import crypto


class Secret(str):
    """A str whose repr() hides it (error reports print local variables with repr)."""

    def __repr__(self):
        return "'[masqué]'"


class EncryptedTextField(models.TextField):
    description = "Texte chiffré (Fernet)"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return Secret(crypto.decrypt(value))

    def to_python(self, value):
        if value is None or isinstance(value, Secret):
            return value
        return Secret(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))
