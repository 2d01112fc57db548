package org.bioner.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.bioner.nn.LstmLayer;
import org.bioner.nn.NativeBuffer;
import org.bioner.nn.SequencePacking;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Tagger format 1 (DL4J LSTM parameter vectors) converts to the hand-written layer exactly. */
class Dl4jLstmParamsTest {

    @Test
    void convertedParametersReproduceDl4jsLstm() {
        int in = 5, h = 3, batch = 2, steps = 4;
        // the layer configuration format-1 models were trained with
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .list()
                .layer(0, new LSTM.Builder().nIn(in).nOut(h).activation(Activation.TANH).dataFormat(RNNFormat.NWC).build())
                .setInputType(InputType.recurrent(in, RNNFormat.NWC)).build());
        net.init();
        Random r = new Random(3);
        float[] p = new float[(int) net.numParams()];
        for (int i = 0; i < p.length; i++) p[i] = (float) r.nextGaussian() * 0.5f;
        net.setParams(Nd4j.createFromArray(p).reshape(1, p.length));
        float[] x = new float[batch * steps * in];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        INDArray out = net.output(Nd4j.createFromArray(x).reshape('c', batch, steps, in)); // [batch, steps, h]

        float[][] w = Dl4jLstmParams.convert(p, in, h);
        LstmLayer l = new LstmLayer("lstm", in, h);
        l.weightIh().setValues(w[0]);
        l.weightHh().setValues(w[1]);
        l.bias().setValues(w[2]);
        SequencePacking pk = new SequencePacking(new int[] {steps, steps});
        NativeBuffer xb = new NativeBuffer(x.length);
        xb.put(0, x, x.length); // [batch, steps, in] row-major = token order
        NativeBuffer y = new NativeBuffer(batch * steps * h);
        l.forward(pk, false, xb, y, h, 0);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < h; j++) {
                    assertEquals(out.getFloat(b, t, j), y.get((b * steps + t) * h + j), 1e-5, "b " + b + " t " + t + " j " + j);
                }
            }
        }
    }

    /** The committed format-1 model (docs/RESULTS.md, NCBI-disease with random:100 embeddings, test F1 60.84). */
    @Test
    void committedFormatOneModelLoadsAndTags() throws IOException {
        Path model = Path.of("models/ncbi-disease-random/tagger.bnm");
        assertTrue(Files.isRegularFile(model), model + " is committed: this test must not pass without it");
        SequenceTagger t = SequenceTagger.load(model);
        assertEquals("0.608434", t.metadata().get("train.test.f1"));
        assertEquals("random:100:seed=1", t.embeddingsSpec());
        List<SequenceTagger.Prediction> p = t.tag(List.of(List.of("Familial", "adenomatous", "polyposis", "is", "a",
                "hereditary", "cancer", "syndrome", ".")), null, 32);
        assertEquals(9, p.get(0).path().length);
        for (float v : t.allParameters()) assertFalse(Float.isNaN(v));
        for (double c : p.get(0).tokenConfidence()) assertTrue(c > 0 && c <= 1 + 1e-9, "token confidence " + c);
    }
}
