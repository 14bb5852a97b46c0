#!/bin/bash
# The thumbnails of a whole archive as a Slurm array job: each task takes its share from Slurm's array variables
# (--shard auto), writes its thumbnails into the shared output folder and its own report
# (thumbnails-shard-I-of-N.json). Submit with the archive and the output folder in the environment:
#
#   ARCHIVE=/data/archive OUT=/data/thumbs sbatch --array=0-3 examples/slurm/thumbnails-array.sh
#
# then merge the reports once every task is done (this checks that every shard is there and every series once):
#
#   lightbox thumbnails merge /data/thumbs/thumbnails-shard-*-of-4.json -o /data/thumbs/thumbnails.json
#
# A task that is run again (requeued, or the whole array resubmitted) keeps what its shard already wrote and
# redoes only the rest. Exit code 3 means some series failed (named in the report); the rest were written.
#SBATCH --job-name=lightbox-thumbnails
#SBATCH --array=0-3
#SBATCH --cpus-per-task=1
#SBATCH --output=lightbox-thumbnails-%A_%a.log
set -euo pipefail
: "${ARCHIVE:?set ARCHIVE to the archive folder}" "${OUT:?set OUT to the output folder (shared by every task)}"
exec "${LIGHTBOX:-lightbox}" thumbnails "$ARCHIVE" -o "$OUT" --shard auto --layout "${LAYOUT:-hashed}" \
  --jobs "${SLURM_CPUS_PER_TASK:-1}" --quiet
