namespace Outreach.Agent.Knowledge;

/// <summary>
/// BM25 over knowledge passages. Single Han characters count for a quarter of a term, so a hit needs more than shared
/// common characters; a passage must also share at least one whole term (a bigram or a word) with the question, and
/// contain at least half of the question's content characters and words, so one shared word ("电话") is not an answer.
/// </summary>
public sealed class LexicalIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const double UnigramWeight = 0.25;
    private const double MinimumCoverage = 0.5;

    private readonly List<KnowledgePassage> passages = [];
    private readonly List<Dictionary<string, int>> termCounts = [];
    private readonly List<int> lengths = [];
    private readonly Dictionary<string, int> documentFrequency = new(StringComparer.Ordinal);
    private double averageLength;

    public int Count => passages.Count;

    public static LexicalIndex Build(IEnumerable<KnowledgeDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var index = new LexicalIndex();
        foreach (var document in documents)
        {
            string? section = null;
            foreach (var passage in Split(document))
            {
                // A heading's words describe the section once: on its first paragraph, not on every one.
                index.Add(passage, withTitle: passage.Title != section);
                section = passage.Title;
            }
        }

        index.averageLength = index.lengths.Count == 0 ? 0 : index.lengths.Average();
        return index;
    }

    public IReadOnlyList<KnowledgePassage> Passages => passages;

    /// <summary>The best passage scoring at least <paramref name="threshold"/>, or null: no grounded answer.</summary>
    public KnowledgeHit? Best(string question, double threshold)
        => Ranked(question, threshold) is [var first, ..] ? new KnowledgeHit(passages[first.Passage], first.Score, null) : null;

    /// <summary>
    /// Passages that would answer on their own (score at least <paramref name="threshold"/>, a shared whole term, enough
    /// of the question covered), best first: the lexical ranking hybrid retrieval fuses with the embedding ranking.
    /// </summary>
    public IReadOnlyList<(int Passage, double Score)> Ranked(string question, double threshold)
    {
        var query = LexicalTokenizer.Tokenize(question).Distinct(StringComparer.Ordinal).ToList();
        var units = query.Where(t => LexicalTokenizer.IsUnigram(t) || !LexicalTokenizer.IsHanBigram(t)).ToList();
        var ranked = new List<(int Passage, double Score)>();
        for (var p = 0; p < passages.Count; p++)
        {
            var counts = termCounts[p];
            double score = 0;
            var sharesWholeTerm = false;
            foreach (var term in query)
            {
                if (!counts.TryGetValue(term, out var frequency))
                {
                    continue;
                }

                var unigram = LexicalTokenizer.IsUnigram(term);
                sharesWholeTerm |= !unigram;
                var df = documentFrequency[term];
                var idf = Math.Log(1 + ((passages.Count - df + 0.5) / (df + 0.5)));
                var tf = frequency * (K1 + 1) / (frequency + (K1 * (1 - B + (B * lengths[p] / averageLength))));
                score += idf * tf * (unigram ? UnigramWeight : 1);
            }

            var covered = units.Count(counts.ContainsKey);
            if (sharesWholeTerm && score >= threshold && covered >= units.Count * MinimumCoverage)
            {
                ranked.Add((p, score));
            }
        }

        // Stable: equal scores keep document order.
        return [.. ranked.OrderByDescending(r => r.Score)];
    }

    private void Add(KnowledgePassage passage, bool withTitle)
    {
        var terms = LexicalTokenizer.Tokenize(withTitle ? passage.Title + "\n" + passage.Text : passage.Text);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        foreach (var term in counts.Keys)
        {
            documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }

        passages.Add(passage);
        termCounts.Add(counts);
        lengths.Add(terms.Count);
    }

    /// <summary>Paragraphs under their nearest heading; markdown emphasis and list marks dropped from the quoted text.</summary>
    public static IEnumerable<KnowledgePassage> Split(KnowledgeDocument document)
    {
        var title = document.Title;
        var ordinal = 0;
        foreach (var block in document.Markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (block.StartsWith('#'))
            {
                var lines = block.Split('\n');
                title = lines[0].TrimStart('#').Trim();
                var rest = string.Join('\n', lines.Skip(1)).Trim();
                if (rest.Length == 0)
                {
                    continue;
                }

                yield return new KnowledgePassage(document.Id, ordinal++, title, Plain(rest));
                continue;
            }

            yield return new KnowledgePassage(document.Id, ordinal++, title, Plain(block));
        }
    }

    private static string Plain(string markdown)
        => string.Join(' ', markdown.Split('\n').Select(line => line.TrimStart('-', '*', '>', ' ').Replace("**", string.Empty, StringComparison.Ordinal).Trim()));
}
