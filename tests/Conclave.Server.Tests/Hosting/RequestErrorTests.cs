using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Hosting;

public sealed class RequestErrorTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private async Task<int> UserCountAsync(HttpClient client) => (await client.GetFromJsonAsync<JsonElement>("/api/admin/users")).GetArrayLength();

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    [Theory]
    [InlineData("{\"upn\": ")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    public async Task MalformedJson_Is400ProblemDetails_AndChangesNothing(string body)
    {
        using var client = server.CreateClient(await server.SignInAdminAsync());
        var before = await UserCountAsync(client);
        using var response = await client.PostAsync("/api/admin/users", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "request.malformed");
        Assert.Equal(before, await UserCountAsync(client));
    }

    [Fact]
    public async Task OversizedBody_Is413ProblemDetails_AndChangesNothing()
    {
        using var client = server.CreateClient(await server.SignInAdminAsync());
        var before = await UserCountAsync(client);
        var huge = JsonSerializer.Serialize(new { upn = "big@" + ServerFixture.Domain, displayName = new string('x', 2 * 1024 * 1024) });
        using var response = await client.PostAsync("/api/admin/users", new StringContent(huge, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        Assert.Equal(before, await UserCountAsync(client));
    }

    [Fact]
    public async Task OversizedTokenRequest_Is413()
    {
        // The server refuses on Content-Length and closes the connection: a client still writing the body
        // would see a broken pipe instead of the answer. With "Expect: 100-continue" (RFC 9110 §10.1.1) it
        // sends the body only when asked, and the refusal comes first, however slow the machine.
        using var handler = new SocketsHttpHandler
        {
            Expect100ContinueTimeout = TimeSpan.FromMinutes(1),
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString(HashAlgorithmName.SHA256) == server.Fingerprint },
        };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "conclave-cli",
                ["username"] = ServerFixture.AdminUpn,
                ["password"] = new string('p', 2 * 1024 * 1024),
            }),
        };
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnknownApiPath_Is404ProblemDetails()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("/api/no/such/thing");
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "request.not_found");
    }

    [Fact]
    public async Task WrongMethod_Is405ProblemDetails()
    {
        using var client = server.CreateClient(await server.SignInAdminAsync());
        using var response = await client.PutAsync("/api/me", new StringContent("{}", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "request.method_not_allowed");
    }

    [Fact]
    public async Task ApiWithoutToken_Is401ProblemDetails()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("/api/me");
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task ApiWithForgedToken_Is401()
    {
        using var client = server.CreateClient("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.");
        using var response = await client.GetAsync("/api/admin/users");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
