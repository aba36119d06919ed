namespace Conclave.Server.Presence;

/// <summary>A device connected to the call hub: one SignalR connection of one signed-in user.</summary>
public sealed record RegisteredDevice(string ConnectionId, string DeviceId, string UserId, string Upn, string DisplayName, bool E2eeCapable, string? From);
