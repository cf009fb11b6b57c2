"""Background work outside the web request: an admin upload's files imported by a task, and
a stored picture's renditions made.

The backend is settings.TASKS (`NEWSROOM_TASKS_BACKEND`): run at once in development, queued in
the database for `manage.py db_worker`, or on Redis for RQ workers. Each file still goes through
`pipeline.import_files` (the command's path: many files a transaction), whole or not at all; a
failed file is that file's report and the job goes on. Progress is recorded as each batch commits.
"""

import logging

from django.core.files.storage import storages
from django.utils.translation import gettext as _
from django_tasks import task

from . import renditions
from .importer import staging
from .importer.pipeline import import_files
from .models import ImportJob

logger = logging.getLogger(__name__)


def start_import_job(batch, *, user, publish, fetch_images):
    """The job importing the staging `batch`, created and enqueued once.

    Confirming the same batch again (a double click, the back button) finds the same job.
    Raises `staging.StagingError` when the batch is gone.
    """
    if job := ImportJob.objects.filter(batch=batch).first():
        return job
    job, created = ImportJob.objects.get_or_create(
        batch=batch,
        defaults={
            "created_by": user,
            "total": staging.claim(batch),
            "publish": publish,
            "fetch_images": fetch_images,
        },
    )
    if created:
        result = import_staged_batch.enqueue(job.pk)
        ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    return job


@task()
def import_staged_batch(job_id):
    """Import every file of the job's batch as its uploader, recording each file's report.

    Whatever stops the task outside `import_files` (files gone or altered, the database lost, a
    bug) marks the job failed with the reason before the task itself fails.
    """
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    try:
        files = staging.read_batch(job.batch)
        job.start()
        reports = import_files(
            ((staged.name, staged.data) for staged in files[job.done :]),
            user=job.created_by,
            publish=job.publish,
            fetch_images=job.fetch_images,
        )
        for report in reports:
            job.record(report)
    except staging.StagingError as error:
        job.fail(str(error))
        raise
    except BaseException as error:
        logger.exception("import job %s failed", job.pk)
        job.fail(
            _("导入任务意外中止（%(kind)s：%(error)s）；已完成的文件保留，其余未导入。")
            % {"kind": type(error).__name__, "error": str(error)[:300]}
        )
        raise
    else:
        job.finish()
    finally:
        if job.is_finished:
            staging.discard(job.batch)
    return job.counts()


@task()
def make_renditions(original, sha256, width, storage="default"):
    """Make every rendition of the picture stored as `original` (`renditions.make_all`), so
    that no reader's first view waits for Pillow. Queued by `Image.set_file_content` when the
    transaction storing it commits; making one already made costs nothing."""
    return renditions.make_all(storages[storage], original, sha256, width)
