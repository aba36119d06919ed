namespace Conclave.Server.Observability;

/// <summary>
/// Every component has one <see cref="System.Diagnostics.ActivitySource"/> and one
/// <see cref="System.Diagnostics.Metrics.Meter"/>, named <c>Conclave.&lt;Component&gt;</c> by the component itself
/// (<c>Conclave.Calls</c>, <c>Conclave.Identity</c>, <c>Conclave.Policies</c>, <c>Conclave.Admin</c>,
/// <c>Conclave.Relay</c>, <c>Conclave.Media</c>; docs/observability.md lists their instruments). Observability
/// subscribes to them by this pattern, so no feature depends on this folder and none is left out.
/// </summary>
public static class ConclaveTelemetry
{
    /// <summary>Matches every Conclave source and meter, those of components added later included.</summary>
    public const string NamePattern = "Conclave.*";
}
