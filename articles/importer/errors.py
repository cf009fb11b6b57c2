"""What can go wrong with a file handed to the importer; each message is for a person."""


class ImportFailure(Exception):
    """A file that cannot be imported; nothing of it is written."""


class EmptyFile(ImportFailure):
    pass


class FileTooLarge(ImportFailure):
    pass


class BinaryFile(ImportFailure):
    pass


class UndecodableText(ImportFailure):
    pass


class UnrecognisedFormat(ImportFailure):
    pass


class MalformedFrontMatter(ImportFailure):
    pass


class NoStoryFound(ImportFailure):
    """The text is readable but holds no article (a page of links, a blurb, chrome only)."""
