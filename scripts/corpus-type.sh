# Sourced by the experiment scripts: the entity type of a benchmark corpus of ../shared/datasets (untyped B/I tags).
# corpus_type CORPUS prints it; an unknown name prints nothing and returns 1.
corpus_type() {
  case "$1" in
    NCBI-disease|BC5CDR-disease) echo Disease ;;
    BC5CDR-chem|BC4CHEMD) echo Chemical ;;
    BC2GM|JNLPBA) echo Gene ;;
    linnaeus|s800) echo Species ;;
    BC5CDR) echo Disease ;;  # both BC5CDR corpora as one, typed tags (scripts/bc5cdr-joint.sh): this type joins the others
    *) return 1 ;;
  esac
}
