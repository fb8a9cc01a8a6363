"""Regular-expression alternations of many words, factored as a trie.

Python's ``re`` tries the branches of ``(?:sign|said|struck|...)`` one after
the other at every position it tests, so a list of fifty words costs fifty
tries per word of the text. :func:`word_alternation` writes the same
alternation with the words' shared prefixes factored out
(``s(?:aid|ign|truck)``): at each position only the branches that begin with
the right letter go further. It matches the same strings as the plain
alternation; at a given position it may pick another word of the list when
one word is a prefix of another (``sign`` or ``signs``), so it is meant to be
followed by something that fixes the end, such as ``\\b``.

>>> word_alternation(["sign", "signs", "said", "struck"])
's(?:aid|ign(?:s)?|truck)'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["word_alternation"]


def word_alternation(words: Iterable[str]) -> str:
    """A regular expression matching exactly each of *words*, as a trie.

    >>> import re
    >>> pattern = re.compile(rf"\\b(?:{word_alternation(['is', 'was', 'were'])})\\b")
    >>> [m.group() for m in pattern.finditer("it was as it is, were it so")]
    ['was', 'is', 'were']
    """
    tree: dict[str, dict] = {}
    for word in words:
        if not word:
            raise ValueError("word_alternation: empty word")
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, dict]) -> str:
    """The pattern of what may follow *node* (which is not a word's end alone)."""
    options = [
        re.escape(char) + _tail(child) for char, child in sorted(node.items()) if char
    ]
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


def _tail(node: dict[str, dict]) -> str:
    """The pattern of what follows a character whose trie node is *node*."""
    if set(node) == {""}:
        return ""
    branches = _branches({char: child for char, child in node.items() if char})
    if "" not in node:
        return branches
    return f"(?:{branches})?"
