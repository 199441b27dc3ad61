package dev.mollify.autograd;

/**
 * The record of one primitive application: its name, its inputs (the saved values) and its
 * derivative rule. Released after a backward pass unless the graph is retained.
 */
final class Node {
    final String name;
    private Var[] inputs;
    private Backward rule;
    private final int[] inputVersions;

    Node(String name, Var[] inputs, Backward rule) {
        this.name = name;
        this.inputs = inputs;
        this.rule = rule;
        this.inputVersions = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) inputVersions[i] = inputs[i].version;
    }

    /** The inputs, or null once released. */
    Var[] inputs() {
        return inputs;
    }

    boolean released() {
        return rule == null;
    }

    Var[] backward(Var out, Var g, boolean[] needs) {
        if (rule == null) {
            throw new IllegalStateException(
                    "the graph through '" + name + "' was already freed by an earlier backward pass; "
                            + "pass retainGraph=true (or createGraph=true) to the first grad/backward call to differentiate it again");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].version != inputVersions[i]) {
                throw new IllegalStateException(
                        "input " + i + " of '" + name + "' was assigned a new value after it was used "
                                + "(an optimiser step between forward and backward?); recompute the forward pass");
            }
        }
        return rule.apply(out, g, needs);
    }

    void release() {
        inputs = null;
        rule = null;
    }
}
