"""Typed errors; only the CLI turns them into messages and exit codes."""


class RasdError(Exception):
    """Base class for rasd's own errors."""


class InputError(RasdError):
    """A malformed input record; ``where`` is ``file:line``."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message
