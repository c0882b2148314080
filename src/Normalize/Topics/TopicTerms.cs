using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Site.Normalize.Topics;

/// <summary>
/// One owner for "what subject does this heading talk about": extracts candidate topic terms from a
/// section title (Latin terms and phrases, CJK 2–4 character runs without question words) and folds
/// synonyms onto one key (layer norm / layer normalization / LayerNorm; 推理 / inference).
/// </summary>
public static partial class TopicTerms
{
    /// <summary>Synonym groups: every member maps to the first, which is the key. Display names come from usage.</summary>
    private static readonly string[][] Synonyms =
    {
        new[] { "layernorm", "layer norm", "layer normalization", "layer normalization-方法篇", "层归一化" },
        new[] { "rmsnorm", "rms norm" },
        new[] { "并行", "parallel", "parallelism", "并行化", "分布式", "distributed", "分布式训练", "张量并行", "流水线并行", "数据并行", "模型并行", "3d并行", "序列并行" },
        new[] { "推理", "inference" },
        new[] { "微调", "fine-tuning", "finetune", "fine-tune", "finetuning" },
        new[] { "lora", "qlora", "adalora" },
        new[] { "peft", "参数高效微调", "高效微调" },
        new[] { "rag", "检索增强", "检索增强生成", "retrieval-augmented generation" },
        new[] { "langchain", "lang chain" },
        new[] { "llamaindex", "llama index", "llama-index" },
        new[] { "混合精度", "mixed precision", "amp" },
        new[] { "量化", "quantization", "quantisation" },
        new[] { "蒸馏", "distillation", "知识蒸馏" },
        new[] { "zero", "zero-1", "zero-2", "zero-3", "zero3", "零冗余优化器" },
        new[] { "tokenizer", "分词", "tokenization" },
        new[] { "激活函数", "activation", "activation function" },
        new[] { "损失函数", "loss", "loss function" },
        new[] { "注意力", "attention" },
        new[] { "位置编码", "positional encoding", "position embedding" },
        new[] { "显存", "gpu memory", "memory" },
    };

    /// <summary>
    /// Chinese subject words. Chinese has no spaces to find terms by, and raw n-grams of headings are
    /// mostly question fragments ("如何让"), so CJK topics come from this vocabulary (plus the synonyms above);
    /// Latin terms (LangChain, DeepSpeed, …) are discovered freely. topics.yml adds any others.
    /// </summary>
    private static readonly string[] CjkLexicon =
    {
        "张量并行", "流水线并行", "数据并行", "模型并行", "序列并行", "专家并行", "并行", "分布式", "混合精度", "量化", "蒸馏", "剪枝", "微调", "指令微调",
        "预训练", "继续预训练", "增量预训练", "推理", "推理加速", "显存", "注意力", "位置编码", "激活函数", "损失函数", "交叉熵", "归一化", "分词", "词表",
        "强化学习", "奖励模型", "对齐", "幻觉", "知识库", "向量数据库", "向量", "检索", "重排", "召回", "嵌入", "提示词", "提示学习", "适配器", "前缀微调",
        "多模态", "评测", "评估", "优化器", "梯度", "通信", "集合通信", "长度外推", "外推", "智能体", "代理", "记忆", "思维链", "解码", "采样",
    };

    private static readonly Dictionary<string, string> SynonymKey = BuildSynonyms();

    /// <summary>Display names for synonym groups that span languages or spellings.</summary>
    private static readonly Dictionary<string, string> GroupNames = new(StringComparer.Ordinal)
    {
        ["并行"] = "分布式与并行 Parallelism", ["layernorm"] = "LayerNorm", ["rmsnorm"] = "RMSNorm", ["推理"] = "推理 Inference",
        ["微调"] = "微调 Fine-tuning", ["lora"] = "LoRA", ["peft"] = "PEFT", ["rag"] = "RAG", ["langchain"] = "LangChain",
        ["llamaindex"] = "LlamaIndex", ["混合精度"] = "混合精度 Mixed precision", ["量化"] = "量化 Quantization", ["蒸馏"] = "蒸馏 Distillation",
        ["zero"] = "ZeRO", ["tokenizer"] = "Tokenizer", ["激活函数"] = "激活函数 Activations", ["损失函数"] = "损失函数 Loss functions",
        ["注意力"] = "注意力 Attention", ["位置编码"] = "位置编码 Positional encoding", ["显存"] = "显存 GPU memory",
    };

    /// <summary>The fixed display name of a synonym group, or null for free-standing terms.</summary>
    public static string? GroupName(string key) => GroupNames.GetValueOrDefault(key);
    private static readonly string[] CjkVocabulary = CjkLexicon.Concat(Synonyms.SelectMany(g => g).Where(w => w.Any(c => c >= 0x4E00 && c <= 0x9FFF) && !w.Any(c => c < 0x80)))
        .Distinct().OrderByDescending(w => w.Length).ToArray();

    private static Dictionary<string, string> BuildSynonyms()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in Synonyms) foreach (var m in g) d[m] = g[0];
        return d;
    }

    /// <summary>Words that never make a topic on their own.</summary>
    private static readonly HashSet<string> LatinStop = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "vs", "is", "are", "what", "why", "how", "which", "does",
        "llm", "llms", "ai", "model", "models", "gpu", "gpus", "cpu", "api", "notes", "note", "plus", "part", "intro", "introduction",
        "one", "two", "use", "using", "based", "new", "s", "i", "it", "we", "you", "can", "do", "be", "by", "at", "as",
        "difference", "differences", "between", "about", "explain", "advantages", "disadvantages", "pros", "cons", "when", "where",
        "who", "whats", "work", "works", "overview", "summary", "example", "examples", "step", "steps", "tips", "faq", "q", "qa",
    };

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")] private static partial Regex LatinWord();

    /// <summary>Canonical key for a surface form (lowercased, synonyms folded).</summary>
    public static string Key(string surface)
    {
        var s = surface.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
        return SynonymKey.TryGetValue(s, out var k) ? k : s;
    }

    /// <summary>Candidate terms (surface forms) in a section title.</summary>
    public static IEnumerable<string> Candidates(string title)
    {
        var t = title.Normalize(NormalizationForm.FormKC);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var words = LatinWord().Matches(t).Select(m => m.Value).ToList();
        for (int i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var lw = w.ToLowerInvariant();
            if (!LatinStop.Contains(lw) && (lw.Length >= 3 || w.Any(char.IsUpper)) && !lw.All(char.IsDigit) && seen.Add(lw)) yield return w;
            if (i + 1 < words.Count)
            {
                var pair = w + " " + words[i + 1];
                if (SynonymKey.ContainsKey(pair.ToLowerInvariant()) && seen.Add(pair.ToLowerInvariant())) yield return pair;
            }
        }
        // Chinese: vocabulary words in the title, longest first, a shorter word only where no longer one covers it;
        // a word directly followed by another vocabulary word modifies it and is not the subject ("并行分词" is about 分词).
        var covered = new bool[t.Length];
        var found = new List<(int At, string Word)>();
        foreach (var w in CjkVocabulary)
        {
            for (int i = t.IndexOf(w, StringComparison.Ordinal); i >= 0; i = t.IndexOf(w, i + 1, StringComparison.Ordinal))
            {
                if (Enumerable.Range(i, w.Length).All(j => covered[j])) continue;
                for (int j = i; j < i + w.Length; j++) covered[j] = true;
                found.Add((i, w));
            }
        }
        foreach (var (at, w) in found)
            if (!found.Any(f => f.At == at + w.Length) && seen.Add(w)) yield return w;
    }

    /// <summary>
    /// Whether <paramref name="term"/> (a curated topic's name or alias) is a subject of <paramref name="title"/>,
    /// not merely a substring of it. Latin terms match whole words ("ZeRO" is not in "zero-shot", "RAG" not in
    /// "storage"); Chinese terms match where they do not modify a following vocabulary word ("并行" is the subject of
    /// "张量并行" and "并行计算", not of "并行分词"); a mixed term ("RAG 检索增强") matches as written.
    /// </summary>
    public static bool IsSubject(string title, string term)
    {
        var t = title.Normalize(NormalizationForm.FormKC);
        var w = term.Normalize(NormalizationForm.FormKC).Trim();
        if (w.Length == 0) return false;
        bool latin = w.Any(char.IsAsciiLetter), cjk = w.Any(IsCjk);
        if (latin && cjk) return t.Contains(w, StringComparison.OrdinalIgnoreCase);
        if (latin)
        {
            var want = LatinWord().Matches(w).Select(m => m.Value).ToArray();
            var have = LatinWord().Matches(t).Select(m => m.Value).ToArray();
            for (int i = 0; i + want.Length <= have.Length; i++)
                if (want.Select((x, k) => string.Equals(x, have[i + k], StringComparison.OrdinalIgnoreCase)).All(b => b)) return true;
            return false;
        }
        for (int i = t.IndexOf(w, StringComparison.Ordinal); i >= 0; i = t.IndexOf(w, i + 1, StringComparison.Ordinal))
        {
            var end = i + w.Length;
            if (!CjkVocabulary.Any(v => t.AsSpan(end).StartsWith(v, StringComparison.Ordinal))) return true;
        }
        return false;
    }

    private static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9FFF';
}
