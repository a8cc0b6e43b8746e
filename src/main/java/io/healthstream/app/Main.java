package io.healthstream.app;

/** Entry point of the healthstream command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("healthstream");
    }
}
