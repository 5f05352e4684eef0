package murder.core.api;

/** Body of every 4xx/5xx answer of the control API. */
public record ErrorBody(String error) {
}
