using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace Conclave.Server.Tests.Audit;

/// <summary>
/// Fires audited admin changes (policy new/set, user create/rename, role grants, group create and
/// member add, app create) with unique values, so that each change in force names the one request
/// that made it. Names start with <c>dur</c>/<c>Dur</c> (<see cref="AuditedState"/> reads them back).
/// </summary>
public sealed class AdminChangeLoad(string domain)
{
    public const string Password = "durable-password-123";
    private const string Meeting = "/api/admin/policies/TeamsMeetingPolicy";

    private static readonly string[] Roles = ["TeamsAdministrator", "ComplianceAdministrator"];

    private readonly ConcurrentQueue<double> _answeredMilliseconds = new();
    private int _sequence;
    private int _succeeded;
    private int _cutOff;

    /// <summary>The median time to an answer of the requests answered so far, in milliseconds.</summary>
    public double MedianLatency
    {
        get
        {
            var times = _answeredMilliseconds.Order().ToList();
            return times.Count == 0 ? 0 : times[times.Count / 2];
        }
    }

    /// <summary>Requests answered 2xx.</summary>
    public int Succeeded => Volatile.Read(ref _succeeded);

    /// <summary>Requests cut off: connection reset, process killed, or cancelled by the client.</summary>
    public int CutOff => Volatile.Read(ref _cutOff);

    /// <summary>
    /// Sends changes on <paramref name="concurrency"/> connections until <paramref name="stop"/>; each
    /// request is sent under <paramref name="requestToken"/>'s token (a client reset when it fires).
    /// </summary>
    public async Task RunAsync(HttpClient client, int concurrency, Func<CancellationToken, CancellationTokenSource> requestToken, CancellationToken stop)
    {
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var token = requestToken(stop);
                try
                {
                    var sent = Stopwatch.GetTimestamp();
                    using var response = await SendOneAsync(client, token.Token);
                    _answeredMilliseconds.Enqueue(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref _succeeded);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                {
                    Interlocked.Increment(ref _cutOff);
                    if (e is HttpRequestException && !stop.IsCancellationRequested && !token.IsCancellationRequested)
                    {
                        // The server is gone (killed): wait for the next round.
                        return;
                    }
                }
            }
        }));
    }

    private Task<HttpResponseMessage> SendOneAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _sequence);
        var earlier = Random.Shared.Next(1, n + 1);
        return Random.Shared.Next(8) switch
        {
            0 => client.PostAsJsonAsync(Meeting, new { identity = $"Dur{n}", parameters = new { Description = $"d{n}" } }, cancellationToken),
            1 => client.PatchAsJsonAsync($"{Meeting}/Tag:Dur{earlier}", new { parameters = new { Description = $"s{n}" } }, cancellationToken),
            2 => client.PostAsJsonAsync("/api/admin/users", new { upn = $"dur{n}@{domain}", displayName = $"c{n}", password = Password }, cancellationToken),
            3 => client.PatchAsJsonAsync($"/api/admin/users/dur{earlier}@{domain}", new { displayName = $"p{n}" }, cancellationToken),
            4 => client.PostAsJsonAsync("/api/admin/roles", new { user = $"dur{earlier}@{domain}", role = Roles[n % Roles.Length] }, cancellationToken),
            5 => client.PostAsJsonAsync("/api/admin/groups", new { name = $"Dur{n}" }, cancellationToken),
            6 => client.PostAsJsonAsync($"/api/admin/groups/Dur{earlier}/members", new { user = $"dur{Random.Shared.Next(1, n + 1)}@{domain}" }, cancellationToken),
            _ => client.PostAsJsonAsync("/api/admin/apps", new { displayName = $"dur{n}", roles = Array.Empty<string>() }, cancellationToken),
        };
    }
}
