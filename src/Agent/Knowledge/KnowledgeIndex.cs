namespace Outreach.Agent.Knowledge;

/// <summary>
/// One scope's searchable knowledge: the lexical index and, when embeddings are on, each passage's vector (aligned
/// with <see cref="LexicalIndex.Passages"/>). Retrieval is hybrid: the lexical and the embedding rankings are fused by
/// reciprocal rank, so a passage either ranking finds can answer and one both find wins.
/// </summary>
public sealed class KnowledgeIndex(LexicalIndex lexical, IReadOnlyList<float[]>? vectors)
{
    /// <summary>The usual constant of reciprocal rank fusion: dampens the difference between the top ranks.</summary>
    private const int FusionK = 60;

    public LexicalIndex Lexical => lexical;

    /// <summary>False when the passages' vectors could not be had (provider down): such an index is not cached.</summary>
    public bool HasVectors => vectors is not null;

    public KnowledgeHit? Best(string question, float[]? questionVector, double lexicalThreshold, double similarityThreshold)
    {
        var byLexical = lexical.Ranked(question, lexicalThreshold);
        var similarities = questionVector is null || vectors is null ? null
            : vectors.Select(v => KnowledgeEmbedder.Cosine(questionVector, v)).ToArray();
        var bySimilarity = similarities is null ? []
            : Enumerable.Range(0, similarities.Length).Where(p => similarities[p] >= similarityThreshold).OrderByDescending(p => similarities[p]).ToList();

        var fused = new Dictionary<int, double>();
        for (var rank = 0; rank < byLexical.Count; rank++)
        {
            fused[byLexical[rank].Passage] = 1.0 / (FusionK + rank + 1);
        }

        for (var rank = 0; rank < bySimilarity.Count; rank++)
        {
            fused[bySimilarity[rank]] = fused.GetValueOrDefault(bySimilarity[rank]) + (1.0 / (FusionK + rank + 1));
        }

        if (fused.Count == 0)
        {
            return null;
        }

        var best = fused.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
        var score = byLexical.FirstOrDefault(r => r.Passage == best).Score;
        return new KnowledgeHit(lexical.Passages[best], score, similarities?[best]);
    }
}
