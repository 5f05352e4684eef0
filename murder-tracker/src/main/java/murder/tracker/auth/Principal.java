package murder.tracker.auth;

/** Who a request's credentials prove it to be. */
public sealed interface Principal {

    /** No token at all. */
    record Anonymous() implements Principal {
    }

    /** A token the tracker does not accept. */
    record Unknown() implements Principal {
    }

    record Deployer() implements Principal {
    }

    record Agent(String host) implements Principal {
    }
}
