"""Logging filters referenced from settings.LOGGING."""

import logging


class OneLineWarning(logging.Filter):
    """Downgrade a record to WARNING and drop its traceback: one line for an expected probe."""

    def filter(self, record):
        if record.levelno > logging.WARNING:
            record.levelno = logging.WARNING
            record.levelname = logging.getLevelName(logging.WARNING)
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
