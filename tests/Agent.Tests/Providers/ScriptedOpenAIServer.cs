using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outreach.Agent.Tests.Providers;

/// <summary>
/// A wire-level OpenAI-compatible chat completions server on loopback Kestrel. It answers each request with the next
/// scripted reply (text, tool calls, a hang, an error), as JSON or as a server-sent event stream when the request asks
/// to stream, and keeps every request body so tests can see exactly what the model was sent. /v1/embeddings answers
/// with deterministic "concept" vectors: one dimension per entry of <see cref="Concepts"/>, set when the text contains
/// any of that concept's phrases, so tests decide which texts mean the same thing.
/// </summary>
internal sealed class ScriptedOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ScriptedReply> script = new();
    private int served;

    private ScriptedOpenAIServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    /// <summary>Replies used when the script runs out.</summary>
    public ScriptedReply Default { get; set; } = new TextReply("好的。");

    public static async Task<ScriptedOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedOpenAIServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        app.MapPost("/v1/embeddings", server.EmbedAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address + "/v1");
        return server;
    }

    /// <summary>Embedding dimensions: each concept's phrases.</summary>
    public IReadOnlyList<string[]> Concepts { get; set; } = [];

    /// <summary>When set, /v1/embeddings answers 500.</summary>
    public bool FailEmbeddings { get; set; }

    /// <summary>Every text sent to /v1/embeddings, in order.</summary>
    public ConcurrentQueue<string> EmbeddedTexts { get; } = new();

    public const int EmbeddingTokensPerText = 7;

    public void Enqueue(params ScriptedReply[] replies)
    {
        foreach (var reply in replies)
        {
            script.Enqueue(reply);
        }
    }

    /// <summary>Every message content and tool result the model was sent, as one string to search.</summary>
    public string AllSentText() => string.Join('\n', Requests.Select(r => r.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
        Requests.Enqueue(request);
        var number = Interlocked.Increment(ref served);
        var reply = script.TryDequeue(out var next) ? next : Default;
        var stream = request["stream"]?.GetValue<bool>() == true;
        switch (reply)
        {
            case HangReply:
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return;
            case ErrorReply error:
                context.Response.StatusCode = error.Status;
                await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted failure", type = "invalid_request_error" } });
                return;
        }

        var id = $"chatcmpl-{number}";
        var (content, calls) = reply switch
        {
            TextReply text => (text.Text, (IReadOnlyList<ToolCall>)[]),
            ToolCallsReply tools => ((string?)null, tools.Calls),
            _ => throw new InvalidOperationException("Unknown scripted reply."),
        };
        var finish = calls.Count > 0 ? "tool_calls" : "stop";
        var usage = new JsonObject { ["prompt_tokens"] = reply.PromptTokens, ["completion_tokens"] = reply.CompletionTokens, ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens };
        var toolCalls = new JsonArray([.. calls.Select((c, i) => (JsonNode)new JsonObject
        {
            ["index"] = i,
            ["id"] = $"call_{number}_{i}",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = c.Function, ["arguments"] = c.ArgumentsJson },
        })]);

        if (!stream)
        {
            var message = new JsonObject { ["role"] = "assistant", ["content"] = content };
            if (calls.Count > 0)
            {
                message["tool_calls"] = toolCalls;
            }

            var body = new JsonObject
            {
                ["id"] = id, ["object"] = "chat.completion", ["created"] = 1_764_000_000, ["model"] = "scripted",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }),
                ["usage"] = usage,
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        async Task Send(JsonObject delta, string? finishReason, JsonObject? usageChunk = null)
        {
            var chunk = new JsonObject
            {
                ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = 1_764_000_000, ["model"] = "scripted",
                ["choices"] = usageChunk is null ? new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }) : new JsonArray(),
            };
            if (usageChunk is not null)
            {
                chunk["usage"] = usageChunk;
            }

            await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        await Send(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null);
        if (calls.Count > 0)
        {
            await Send(new JsonObject { ["tool_calls"] = toolCalls }, null);
        }
        else
        {
            // Split the text into a few pieces, as a real model streams it.
            foreach (var piece in Pieces(content!, 3))
            {
                await Send(new JsonObject { ["content"] = piece }, null);
            }
        }

        await Send(new JsonObject(), finish);
        await Send(new JsonObject(), null, usage);
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    private async Task EmbedAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
        if (FailEmbeddings)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted embedding failure", type = "server_error" } });
            return;
        }

        var input = request["input"]!;
        var texts = input is JsonArray array ? array.Select(t => t!.GetValue<string>()).ToList() : [input.GetValue<string>()];
        var base64 = request["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < texts.Count; i++)
        {
            EmbeddedTexts.Enqueue(texts[i]);
            var vector = Concepts.Select(phrases => phrases.Any(p => texts[i].Contains(p, StringComparison.Ordinal)) ? 1f : 0f).Append(0.01f).ToArray();
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray([.. vector.Select(v => (JsonNode)JsonValue.Create(v))]);
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var tokens = texts.Count * EmbeddingTokensPerText;
        var body = new JsonObject { ["object"] = "list", ["data"] = data, ["model"] = request["model"]?.GetValue<string>(), ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens } };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static IEnumerable<string> Pieces(string text, int count)
    {
        var size = Math.Max(1, (text.Length + count - 1) / count);
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }
}

internal abstract record ScriptedReply(int PromptTokens = 100, int CompletionTokens = 20);

internal sealed record TextReply(string Text) : ScriptedReply;

internal sealed record ToolCall(string Function, string ArgumentsJson);

internal sealed record ToolCallsReply(params IReadOnlyList<ToolCall> Calls) : ScriptedReply;

/// <summary>Never answers: the agent's deadline must cut it.</summary>
internal sealed record HangReply() : ScriptedReply;

internal sealed record ErrorReply(int Status) : ScriptedReply;
