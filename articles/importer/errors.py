"""What can go wrong with a file handed to the importer; each message is for a person."""


class ImportFailure(Exception):
    """A file that cannot be imported; nothing of it is written.

    Raised with the reason alone (`NoStoryFound("找不到正文")`) by code that does not know the
    file, then named with `for_file()` by the pipeline, so every message reads
    `seeds/x.txt：找不到正文`.
    """

    def __init__(self, reason="", *, filename=""):
        super().__init__(reason)
        self.reason = str(reason)
        self.filename = filename

    def __str__(self):
        return f"{self.filename}：{self.reason}" if self.filename else self.reason

    def for_file(self, filename):
        """The same failure, naming `filename` (a failure already naming a file keeps it)."""
        if self.filename:
            return self
        named = type(self)(self.reason, filename=filename)
        named.__cause__ = self.__cause__
        return named


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


class ImageFetchFailed(Exception):
    """A remote image could not be fetched or is not an image; a warning, never a lost article."""
