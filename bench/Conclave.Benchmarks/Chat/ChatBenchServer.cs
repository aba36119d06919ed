using System.Globalization;
using Conclave.Benchmarks.Hosting;
using Conclave.Contracts.Api;
using Conclave.Domain.Dlp;
using Conclave.Server.Dlp;
using Conclave.Server.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Benchmarks.Chat;

/// <summary>
/// The server side of the chat delivery benchmark, in a process of its own so that the clients' work is not the
/// server's: the real server (<see cref="BenchServer"/>, SQLite in its data folder) with the benchmark's users and,
/// with DLP on, one enforced policy whose rule looks for every built-in sensitive information type in every message
/// (notify only, so that the load is scanned but never refused). It prints <c>READY &lt;address&gt; &lt;certificate
/// SHA-256&gt;</c> and stops when stdin closes.
/// </summary>
internal static class ChatBenchServer
{
    public const string Domain = "chat.bench.test";
    public const string Password = "chat-bench-password-12345";

    public static string Upn(int i) => string.Create(CultureInfo.InvariantCulture, $"c{i:D5}@{Domain}");

    public static async Task RunAsync(int users, bool dlp)
    {
        // The per-account write limit (5 a second after a burst of 30) is far above the fixed-rate phase's one message
        // a second per account, but the saturation phase asks as fast as the server answers: raised out of its way.
        await using var bench = await BenchServer.StartAsync("chat", Domain, new Dictionary<string, string?>
        {
            ["Conclave:Chat:RateLimit:Burst"] = "1000000",
            ["Conclave:Chat:RateLimit:WritesPerSecond"] = "1000000",
        }, CancellationToken.None);
        await bench.CreateUsersAsync(Enumerable.Range(0, users).Select(Upn), Password);
        if (dlp)
        {
            await EnforceDlpAsync(bench);
        }

        Console.WriteLine($"READY {bench.BaseAddress} {bench.CertificateHash}");
        while (await Console.In.ReadLineAsync() is not null)
        {
        }
    }

    private static async Task EnforceDlpAsync(BenchServer bench)
    {
        using var scope = bench.Server.App.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<DlpAdminService>();
        var actor = new AdminActor(null, "bench", "127.0.0.1");
        var policy = await admin.CreatePolicyAsync(actor, new NewDlpPolicyRequest("Chat bench", "Enable"), CancellationToken.None);
        if (!policy.IsSuccess)
        {
            throw new InvalidOperationException(policy.Error.Message);
        }

        var conditions = SensitiveInfoTypes.BuiltIn.Select(t => new SensitiveInformationCondition(t.Name)).ToList();
        var rule = await admin.CreateRuleAsync(actor, new NewDlpRuleRequest("Every built-in type", "Chat bench", conditions, NotifyUser: ["LastModifier"]),
            CancellationToken.None);
        if (!rule.IsSuccess)
        {
            throw new InvalidOperationException(rule.Error.Message);
        }
    }
}
