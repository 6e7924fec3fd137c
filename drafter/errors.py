"""Named errors. Each carries one line a writer can read; the CLI prints it and exits non-zero."""


class DrafterError(Exception):
    """Base of every error drafter reports to the user (exit code 1: bad input)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(DrafterError):
    """A file that cannot be read, or is not a speech."""


class DataError(DrafterError):
    """A shipped or user data file (rules, bank, template) that is broken."""


class UsageError(DrafterError):
    """Options that do not fit together (exit code 2: bad usage)."""

    exit_code = 2
