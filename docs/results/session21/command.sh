#!/usr/bin/env bash
# session 21: NCBI-disease devel, seed 1 as the seed-1 run of session 20, with (a) the tagger's LSTM hidden size 512
# per direction and (b) pooled Flair embeddings (min pooling; memory from NCBI-disease train); then the scoring.
set -euo pipefail
# run from the repository root (session 21 ran it with frozen builds of this session's code, work/frozen-s21{,b}/bioner)
D=../shared/datasets
SPEC=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm
DEV_ONLY=1 scripts/experiment.sh NCBI-disease flair512+glove-hidden512 $SPEC --max-epochs 150 --min-lr 0.01 --seed 1 --threads 1 --hidden 512
mkdir -p work/pool
for dir in forward backward; do
  ./bioner pool-memory --embeddings flair:models/lm-biomed-$dir-h512.bnm --in $D/NCBI-disease/train.tsv --pooling min --out work/pool/ncbi-$dir-min.bnm
done
POOLED=flair:models/lm-biomed-forward-h512.bnm:pooled=work/pool/ncbi-forward-min.bnm+flair:models/lm-biomed-backward-h512.bnm:pooled=work/pool/ncbi-backward-min.bnm+glove:models/glove-biomed-100d.bnm
DEV_ONLY=1 scripts/experiment.sh NCBI-disease flair512pooled+glove $POOLED --max-epochs 150 --min-lr 0.01 --seed 1 --threads 1
mkdir -p work/ncbi/off
cp results/NCBI-disease/flair512+glove-hidden512/tagger.bnm work/ncbi/ncbi-hidden512.bnm
cp results/NCBI-disease/flair512+glove-hidden512/tagger.bnm work/ncbi/off/ncbi-hidden512-off.bnm
cp results/NCBI-disease/flair512pooled+glove/tagger.bnm work/ncbi/ncbi-pooled.bnm
SPLIT=devel METRICS="span token" ERRORS=8 scripts/score-models.sh docs/results/session21/ncbi-hidden512-dev work/ncbi/ncbi-hidden512.bnm:NCBI-disease
SPLIT=devel METRICS="span token" ERRORS=8 scripts/score-models.sh docs/results/session21/ncbi-pooled-dev work/ncbi/ncbi-pooled.bnm:NCBI-disease
# the test split, read once, for the run that won on devel (hidden 512)
METRICS="span token" ERRORS=8 scripts/score-models.sh docs/results/session21/ncbi-hidden512 work/ncbi/ncbi-hidden512.bnm:NCBI-disease
TAG_OPTIONS="--abbreviation-window -1" METRICS="span token" scripts/score-models.sh docs/results/session21/ncbi-hidden512 work/ncbi/off/ncbi-hidden512-off.bnm:NCBI-disease
# the memory's coverage of devel tokens (RESULTS: 95.2%), and the training losses at epoch 27 (hidden 512: 3,399; seed 1: 3,164)
python3 - <<'PY'
def forms(p):
    return [l.split('\t')[0] for l in open(p, encoding='utf-8') if l.strip()]
seen = set(forms('../shared/datasets/NCBI-disease/train.tsv'))
dev = forms('../shared/datasets/NCBI-disease/devel.tsv')
print('devel tokens whose form is in the memory: %.1f%%' % (100 * sum(t in seen for t in dev) / len(dev)))
PY
awk 'NR>1 && $1==27 {print FILENAME, "epoch 27 loss", $2}' docs/results/NCBI-disease/flair512+glove-hidden512/training.tsv docs/results/NCBI-disease/flair512+glove-seed1/training.tsv
