namespace Conclave.Contracts.Calls;

/// <summary>The names of the call hub's methods, as a device invokes them (docs/api.md, "Call signaling").</summary>
public static class CallHubMethods
{
    /// <summary>The hub's path on the server.</summary>
    public const string Path = "/hubs/calls";

    public const string RegisterDevice = "RegisterDevice";
    public const string PlaceCall = "PlaceCall";
    public const string Accept = "Accept";
    public const string Decline = "Decline";
    public const string Cancel = "Cancel";
    public const string HangUp = "HangUp";
    public const string SendDescription = "SendDescription";
    public const string SendCandidate = "SendCandidate";
    public const string RequestFeature = "RequestFeature";
    public const string GetMissedCalls = "GetMissedCalls";
}
