"""The errors services raise, where the services and their callers import them from (they live in
desktop_app/errors.py, below the data layer, which raises StorageError)."""

from ..errors import (
    Cancelled, DeleteRefusedError, FieldError, NotFoundError, ServiceError, StorageError, ValidationError,
)

__all__ = ["Cancelled", "DeleteRefusedError", "FieldError", "NotFoundError", "ServiceError", "StorageError",
           "ValidationError"]
