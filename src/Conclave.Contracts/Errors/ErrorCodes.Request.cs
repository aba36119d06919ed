namespace Conclave.Contracts.Errors;

public static partial class ErrorCodes
{
    /// <summary>Refusals of a request's form, whatever the feature (mostly framework-produced statuses).</summary>
    public static class Request
    {
        public const string Malformed = "request.malformed";
        public const string Invalid = "request.invalid";
        public const string NotFound = "request.not_found";
        public const string MethodNotAllowed = "request.method_not_allowed";
        public const string TooLarge = "request.too_large";
        public const string UnsupportedMediaType = "request.unsupported_media_type";
        public const string Throttled = "request.throttled";
        public const string Failed = "request.failed";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(Malformed, "400: the body or query could not be read (not JSON, not a form, a wrong type)."),
            new(Invalid, "400: a required field is missing or out of range; errors names the field."),
            new(NotFound, "404: there is no such resource or route."),
            new(MethodNotAllowed, "405: the route exists but not with this HTTP method."),
            new(TooLarge, "413: the body is larger than the server accepts."),
            new(UnsupportedMediaType, "415: the body's Content-Type is not one the endpoint reads."),
            new(Throttled, "429: too many requests from this address, subnet or user; wait for Retry-After."),
            new(Failed, "Another 4xx status the framework produced."),
        ];
    }

    /// <summary>Failures of the server itself (the detail never says more than that).</summary>
    public static class Server
    {
        public const string Error = "server.error";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(Error, "5xx: an internal error occurred; the server's log has the detail."),
        ];
    }
}
