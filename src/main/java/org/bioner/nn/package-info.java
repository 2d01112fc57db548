/**
 * Small neural-network kernels on OpenBLAS (through JavaCPP) and plain Java loops: native float buffers,
 * a row-major BLAS wrapper, a fully connected layer, and an LSTM layer with forward and backward through
 * time over batches of variable-length sequences. Used by the tagger (training and inference) and by the
 * Flair char-LM runner. No UIMA, no ND4J.
 */
package org.bioner.nn;
