#!/usr/bin/env bash
# session 34: the Species default decoded with entity bias -0.5 (chosen on devel by bias-dev.sh: the best mean of
# linnaeus and s800 devel, 0.36 above bias 0) against bias 0, on devel (paired bootstrap) and then on each test split,
# read once; tagged as `tag` tags by default (abbreviation rule on), exact span. Run from the repository root.
set -euo pipefail
out=docs/results/session34/bias-species
mkdir -p work/dev-models "$out"
cp models/species.bnm work/dev-models/species-bias0.bnm
cp models/species.bnm work/dev-models/species-bias-0.5.bnm
for split in ${SPLITS:-devel test}; do
  SPLIT=$split METRICS="span token" ERRORS=8 scripts/score-models.sh "$out/$split" work/dev-models/species-bias0.bnm:linnaeus,s800
  SPLIT=$split METRICS="span token" ERRORS=8 TAG_OPTIONS="--entity-bias -0.5" scripts/score-models.sh "$out/$split" \
    work/dev-models/species-bias-0.5.bnm:linnaeus,s800
  for c in linnaeus s800; do
    scripts/compare-pred.sh Species "../shared/datasets/$c/$split.tsv" "results/scored/species-bias0/$c.$split-pred.tsv" \
      "results/scored/species-bias-0.5/$c.$split-pred.tsv" "$out/$split/$c.compare.json" "$c $split" "bias 0" "bias -0.5"
  done
done
