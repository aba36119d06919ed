using Microsoft.AspNetCore.Http.Metadata;

namespace Conclave.Server.Http;

/// <summary>The largest request body of an endpoint or group (Kestrel's limit for the whole server stays above it).</summary>
public sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
