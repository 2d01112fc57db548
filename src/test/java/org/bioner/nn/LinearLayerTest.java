package org.bioner.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The input gradient of a column range equals those columns of the whole input gradient, and W's and b's do not change. */
class LinearLayerTest {

    private static NativeBuffer gaussian(int size, Random r) {
        NativeBuffer b = new NativeBuffer(size);
        for (int i = 0; i < size; i++) b.set(i, (float) r.nextGaussian());
        return b;
    }

    @Test
    void inputGradientOfAColumnRangeIsThoseColumnsOfTheWholeOne() {
        Random r = new Random(7);
        int in = 9, out = 6, rows = 5, from = 3, width = 4;
        LinearLayer layer = LinearLayer.init("l", in, out, r);
        NativeBuffer x = gaussian(rows * in, r);
        NativeBuffer dy = gaussian(rows * out, r);

        NativeBuffer dxAll = new NativeBuffer(rows * in);
        layer.backward(x, dy, rows, dxAll, false);
        float[] gradW = layer.weight().gradients();
        float[] gradB = layer.bias().gradients();

        float[] w = layer.weight().values();
        NativeBuffer dxPart = new NativeBuffer(rows * width);
        layer.backward(x, dy, rows, dxPart, from, width);
        assertArrayEquals(gradW, layer.weight().gradients());
        assertArrayEquals(gradB, layer.bias().gradients());
        for (int row = 0; row < rows; row++) {
            for (int c = 0; c < width; c++) {
                // dx[row, from + c] = sum_j dy[row, j] W[from + c, j], by hand
                double want = 0;
                for (int j = 0; j < out; j++) want += dy.get(row * out + j) * w[(from + c) * out + j];
                assertEquals(want, dxAll.get(row * in + from + c), 1e-5, "whole, row " + row + " column " + (from + c));
                assertEquals(dxAll.get(row * in + from + c), dxPart.get(row * width + c), 1e-6, "range, row " + row + " column " + c);
            }
        }
    }

    @Test
    void aColumnRangeOutsideTheInputsIsRefused() {
        LinearLayer layer = LinearLayer.init("l", 4, 3, new Random(1));
        NativeBuffer x = new NativeBuffer(8), dy = new NativeBuffer(6), dx = new NativeBuffer(8);
        assertThrows(IllegalArgumentException.class, () -> layer.backward(x, dy, 2, dx, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> layer.backward(x, dy, 2, dx, -1, 2));
    }
}
