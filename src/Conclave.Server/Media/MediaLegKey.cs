namespace Conclave.Server.Media;

/// <summary>Who a leg serves: the call, the device's hub connection, and the device and user for audit records.</summary>
public sealed record MediaLegKey(Guid CallId, string ConnectionId, string DeviceId, string UserId, string Upn);
