"""Actors and places: recognise who acts, resolved to country + sector with roles valid at the
article's date, linked within the article, and explained (see :func:`explain`)."""
