package glomers.harness.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.Body;
import glomers.runtime.Json;
import glomers.runtime.Message;

/** A message in flight: Maelstrom's network-wide id, its envelope, its body. */
public record Packet(long id, String src, String dest, Body body) {

    /** The line an endpoint reads: {@code {"id":..,"src":..,"dest":..,"body":{..}}}. */
    public String toLine() {
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("id", id);
        envelope.put("src", src);
        envelope.put("dest", dest);
        envelope.set("body", body.json());
        return envelope.toString();
    }

    public Message message() {
        return new Message(src, dest, body);
    }

    /** A client is any endpoint whose id starts with "c", as Maelstrom decides it. */
    public static boolean isClient(String endpoint) {
        return endpoint.startsWith("c");
    }

    public boolean involvesClient() {
        return isClient(src) || isClient(dest);
    }
}
