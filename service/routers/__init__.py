"""One router per surface of the HTTP service."""
