"""The REST service and dashboard over a tidings store (``tidings serve``; see docs/serve.md)."""

from tidings.serve.app import create_app
from tidings.serve.security import UnsafeConfiguration, WritePolicy, write_policy

__all__ = ["UnsafeConfiguration", "WritePolicy", "create_app", "write_policy"]
