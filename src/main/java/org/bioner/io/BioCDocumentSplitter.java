package org.bioner.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;

import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.XMLEvent;

import com.pengyifan.bioc.BioCDocument;
import com.pengyifan.bioc.io.BioCCollectionReader;

/**
 * Cuts a BioC collection into documents with a plain StAX pass and hands each one to the BioC library.
 * The library's own streaming reader parses one document ahead, so a syntax error in document k+1 would
 * also lose document k; cutting first delivers every document that precedes the error.
 */
final class BioCDocumentSplitter implements Closeable {

    private static final XMLInputFactory INPUT = XMLInputFactory.newInstance();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newInstance();

    static {
        // BioC files name BioC.dtd; it is not needed to read them and must not be fetched
        INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        INPUT.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private final XMLEventReader events;
    /** Element depth between calls (1 = inside the collection element). */
    private int depth;

    BioCDocumentSplitter(Reader in) throws XMLStreamException {
        this.events = INPUT.createXMLEventReader(in);
    }

    /** The next document, or null at the end of the collection. */
    BioCDocument next() throws XMLStreamException {
        while (events.hasNext()) {
            XMLEvent e = events.nextEvent();
            if (e.isStartElement()) {
                depth++;
                if (depth == 2 && e.asStartElement().getName().getLocalPart().equals("document")) {
                    depth--; // copyDocument consumes the whole element
                    return parse(copyDocument(e));
                }
            } else if (e.isEndElement()) {
                depth--;
            }
        }
        return null;
    }

    private String copyDocument(XMLEvent start) throws XMLStreamException {
        StringWriter sw = new StringWriter();
        sw.write("<collection><source></source><date></date><key></key>");
        XMLEventWriter w = OUTPUT.createXMLEventWriter(sw);
        w.add(start);
        int inner = 1;
        while (inner > 0) {
            XMLEvent e = events.nextEvent();
            if (e.isStartElement()) {
                inner++;
            } else if (e.isEndElement()) {
                inner--;
            }
            w.add(e);
        }
        w.flush();
        sw.write("</collection>");
        return sw.toString();
    }

    private static BioCDocument parse(String collectionXml) throws XMLStreamException {
        try (BioCCollectionReader r = new BioCCollectionReader(new StringReader(collectionXml))) {
            return r.readCollection().getDocument(0);
        } catch (IOException e) {
            throw new XMLStreamException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            events.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }
}
