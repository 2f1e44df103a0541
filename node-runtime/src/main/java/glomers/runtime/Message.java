package glomers.runtime;

/** One protocol message: who sent it, to whom, and its body. */
public record Message(String src, String dest, Body body) {
    @Override
    public String toString() {
        return src + " -> " + dest + " " + body;
    }
}
