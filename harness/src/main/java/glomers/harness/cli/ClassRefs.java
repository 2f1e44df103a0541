package glomers.harness.cli;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one compiled class refers to, read from its class file's constant pool (JVMS §4.4): the
 * classes it names and the methods it calls. That is enough to see, without running a node,
 * whether its code calls {@code System.currentTimeMillis} or starts a {@code Thread}. (Java 17 has
 * no class-file API of its own, and the constant pool is the simple part of the format.)
 *
 * @param name    the class's binary name with slashes, as in the class file: {@code my/pkg/EchoNode}
 * @param classes every class it names (superclass, interfaces, types it creates, casts to or calls
 *                into), slashed; arrays reduced to their element class
 * @param methods every method it calls or takes a reference to (lambdas and method references too)
 */
record ClassRefs(String name, Set<String> classes, Set<MethodRef> methods) {

    /** A method as the class file names it: {@code java/lang/System}, {@code currentTimeMillis}, {@code ()J}. */
    record MethodRef(String owner, String name, String descriptor) {
        /** {@code System.currentTimeMillis}: the owner's simple name and the method, as a reader says it. */
        String shortName() {
            String simple = owner.substring(owner.lastIndexOf('/') + 1).replace('$', '.');
            return simple + "." + (name.equals("<init>") ? "new" : name);
        }
    }

    private static final int MAGIC = 0xCAFEBABE;

    /** Reads a class file; a file that is not one is an IllegalArgumentException. */
    static ClassRefs read(byte[] classFile) {
        try {
            return parse(new DataInputStream(new ByteArrayInputStream(classFile)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a class file: " + e.getMessage(), e);
        }
    }

    private static ClassRefs parse(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("no 0xCAFEBABE at its start");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] first = new int[count];  // Class: its name; NameAndType: its name; Methodref: its class
        int[] second = new int[count]; // NameAndType: its descriptor; Methodref: its NameAndType
        byte[] tags = new byte[count];
        for (int i = 1; i < count; i++) {
            tags[i] = in.readByte();
            switch (tags[i]) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt(); // Integer, Float
                case 5, 6 -> { // Long, Double: two slots
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort(); // Class, String, MethodType, Module, Package
                case 9, 10, 11, 12, 17, 18 -> { // Fieldref, Methodref, InterfaceMethodref, NameAndType, Dynamic, InvokeDynamic
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> { // MethodHandle: a kind, then the reference
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tags[i] + " at entry " + i);
            }
        }
        in.readUnsignedShort(); // access flags
        int thisClass = in.readUnsignedShort();

        Set<String> classes = new LinkedHashSet<>();
        Set<MethodRef> methods = new LinkedHashSet<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 7) {
                String named = utf8[first[i]];
                String element = named.replaceFirst("^\\[+", "");
                if (!named.startsWith("[")) {
                    classes.add(named);
                } else if (element.startsWith("L")) { // an array of objects, [Ljava/lang/String; (not of a primitive, [I)
                    classes.add(element.substring(1, element.length() - 1));
                }
            } else if (tags[i] == 10 || tags[i] == 11) {
                int nameAndType = second[i];
                methods.add(new MethodRef(utf8[first[first[i]]], utf8[first[nameAndType]], utf8[second[nameAndType]]));
            }
        }
        return new ClassRefs(utf8[first[thisClass]], classes, methods);
    }
}
