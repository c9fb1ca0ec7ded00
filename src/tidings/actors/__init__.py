"""Actors and places: recognise who acts, resolved to country + sector with roles valid at the
article's date, linked within the article, and explained (:func:`explain`)."""

from tidings.actors.explain import Explanation, explain

__all__ = ["Explanation", "explain"]
