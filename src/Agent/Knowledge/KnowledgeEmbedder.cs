using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Outreach.Agent.Providers;
using Outreach.Agent.Storage;
using Outreach.Agent.Usage;

namespace Outreach.Agent.Knowledge;

/// <summary>
/// Passage and question vectors from the configured provider's embedding model, through Semantic Kernel's
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>. Passage vectors are stored per model and recomputed when a
/// passage's text or the model changes. Disabled (lexical retrieval only) without a provider or Agent:EmbeddingModel.
/// </summary>
public sealed class KnowledgeEmbedder(
    IServiceProvider services,
    AgentDbContext db,
    UsageRecorder usage,
    IOptions<AgentOptions> options,
    TimeProvider time,
    ILogger<KnowledgeEmbedder> logger)
{
    private const int BatchSize = 64;

    public bool Enabled => options.Value.Provider != ModelProvider.Offline && !string.IsNullOrWhiteSpace(options.Value.EmbeddingModel);

    private string ModelId => options.Value.EmbeddingModel!;

    /// <summary>
    /// The stored vector of every passage of <paramref name="documents"/>, embedding those without a current one.
    /// Null when the provider failed: the caller retrieves lexically and tries again later.
    /// </summary>
    public async Task<Dictionary<(int Document, int Ordinal), float[]>?> EnsureAsync(IReadOnlyCollection<KnowledgeDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var ids = documents.Select(d => d.Id).ToList();
        var stored = await db.Embeddings.Where(e => e.ModelId == ModelId && ids.Contains(e.DocumentId)).ToListAsync(cancellationToken);
        var byKey = stored.ToDictionary(e => (e.DocumentId, e.Ordinal));
        var passages = documents.SelectMany(LexicalIndex.Split).ToList();
        var stale = passages.Where(p => !byKey.TryGetValue((p.DocumentId, p.Ordinal), out var e) || e.TextHash != Hash(p.EmbeddingText)).ToList();
        try
        {
            var now = time.GetUtcNow();
            foreach (var batch in stale.Chunk(BatchSize))
            {
                var vectors = await GenerateAsync(batch.Select(p => p.EmbeddingText), cancellationToken);
                for (var i = 0; i < batch.Length; i++)
                {
                    var passage = batch[i];
                    var row = byKey.GetValueOrDefault((passage.DocumentId, passage.Ordinal));
                    if (row is null)
                    {
                        row = new PassageEmbedding { DocumentId = passage.DocumentId, Ordinal = passage.Ordinal, ModelId = ModelId, TextHash = string.Empty, Vector = [] };
                        db.Embeddings.Add(row);
                        byKey[(passage.DocumentId, passage.Ordinal)] = row;
                    }

                    row.TextHash = Hash(passage.EmbeddingText);
                    row.Vector = MemoryMarshal.AsBytes(vectors[i].AsSpan()).ToArray();
                    row.CreatedAt = now;
                }
            }

            // Passages a shortened document no longer has.
            var current = passages.Select(p => (p.DocumentId, p.Ordinal)).ToHashSet();
            db.Embeddings.RemoveRange(byKey.Where(kv => !current.Contains(kv.Key)).Select(kv => kv.Value));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(error, "Embedding {Count} knowledge passage(s) with {Model} failed; retrieval stays lexical until it succeeds.", stale.Count, ModelId);
            db.ChangeTracker.Clear();
            return null;
        }

        return passages.ToDictionary(p => (p.DocumentId, p.Ordinal), p => Vector(byKey[(p.DocumentId, p.Ordinal)].Vector));
    }

    /// <summary>The question's vector, or null (logged) when the provider fails or misses Agent:EmbeddingTimeout.</summary>
    public async Task<float[]?> EmbedQuestionAsync(string question, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.EmbeddingTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return (await GenerateAsync([question], linked.Token))[0];
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(error, "Embedding a question with {Model} failed; this question is answered by lexical retrieval only.", ModelId);
            return null;
        }
    }

    /// <summary>Cosine similarity (SIMD); 0 for vectors of different models' lengths or of zero length.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        var similarity = TensorPrimitives.CosineSimilarity(a, b);
        return float.IsNaN(similarity) ? 0 : similarity;
    }

    private async Task<float[][]> GenerateAsync(IEnumerable<string> texts, CancellationToken cancellationToken)
    {
        var generator = services.GetRequiredService<Kernel>().GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var inputs = texts.ToList();
        var embeddings = await generator.GenerateAsync(inputs, cancellationToken: cancellationToken);
        if (embeddings.Count != inputs.Count)
        {
            throw new InvalidOperationException($"The embedding model returned {embeddings.Count} vectors for {inputs.Count} texts.");
        }

        await usage.RecordAsync("knowledge", ModelId, null, null, new TokenCount(1, embeddings.Usage?.InputTokenCount ?? 0, 0), cancellationToken);
        return [.. embeddings.Select(e => e.Vector.ToArray())];
    }

    private static float[] Vector(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
