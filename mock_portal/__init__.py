"""A mock of First Coast's SPOT provider portal and CMS's IDM sign-in service, for testing."""

__version__ = "0.1.0"
