"""Review files: who rated which claim how, and on what evidence."""

from factcheck.reviews.model import (
    Correction,
    Review,
    SentBack,
    fingerprint,
    now,
    reviewer_file_name,
)
from factcheck.reviews.store import ReviewFile, ReviewStore, load_all_reviews, read_review_file

__all__ = [
    "Correction",
    "Review",
    "ReviewFile",
    "ReviewStore",
    "SentBack",
    "fingerprint",
    "load_all_reviews",
    "now",
    "read_review_file",
    "reviewer_file_name",
]
