namespace Conclave.Server.Dlp;

/// <summary>
/// Content on its way to be stored and delivered, for <see cref="DlpGate"/>: what it is (<paramref name="Kind"/>,
/// e.g. <c>chat.message</c>), where it goes (<paramref name="ContainerId"/>, a chat), who sends it, and the sender's
/// business justification for overriding a block, if they gave one.
/// </summary>
public sealed record DlpContent(string Kind, Guid ContainerId, string SenderId, string SenderUpn, string? From, string Text, string? Justification);
