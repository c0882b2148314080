using System.Globalization;
using System.Text;
using Site.Index;
using Xunit;
using Xunit.Abstractions;

namespace Site.Tests.Index;

/// <summary>
/// The C# index builder against lunr.js itself: the same documents are built by
/// LunrIndexBuilder and by theme/search/build-index.mjs (lunr 2.3.9 + tokenizer.mjs), and the JSON
/// must be byte-identical.
/// </summary>
public class LunrDifferentialTests
{
    private readonly ITestOutputHelper _out;
    public LunrDifferentialTests(ITestOutputHelper output) => _out = output;

    public sealed record FieldSpec(string Name, double? Boost);
    public sealed record DocSpec(string Ref, Dictionary<string, string?> Fields, double? Boost);
    public sealed record Spec(string Label, List<FieldSpec> Fields, List<DocSpec> Docs, double? B = null, double? K1 = null);

    // ---- building both ways ----------------------------------------------------------------------

    public static string BuildCSharp(Spec spec)
    {
        var b = new LunrIndexBuilder();
        if (spec.B is { } bb) b.B = bb;
        if (spec.K1 is { } k1) b.K1 = k1;
        foreach (var f in spec.Fields) b.Field(f.Name, f.Boost);
        foreach (var d in spec.Docs) b.Add(d.Ref, d.Fields, d.Boost);
        return b.Build().ToJson();
    }

    public static string SpecJson(Spec spec)
    {
        var sb = new StringBuilder();
        sb.Append("{\"fields\":[");
        sb.AppendJoin(',', spec.Fields.Select(f => "{\"name\":" + JsCompat.JsonString(f.Name) + (f.Boost is { } x ? ",\"boost\":" + JsCompat.NumberToJson(x) : "") + "}"));
        sb.Append(']');
        if (spec.B is { } b) sb.Append(",\"b\":").Append(JsCompat.NumberToJson(b));
        if (spec.K1 is { } k) sb.Append(",\"k1\":").Append(JsCompat.NumberToJson(k));
        sb.Append(",\"documents\":[");
        bool first = true;
        foreach (var d in spec.Docs)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append("{\"ref\":").Append(JsCompat.JsonString(d.Ref)).Append(",\"fields\":{");
            sb.AppendJoin(',', d.Fields.Where(kv => kv.Value != null).Select(kv => JsCompat.JsonString(kv.Key) + ":" + JsCompat.JsonString(kv.Value!)));
            sb.Append('}');
            if (d.Boost is { } x) sb.Append(",\"boost\":").Append(JsCompat.NumberToJson(x));
            sb.Append('}');
        }
        sb.Append("]}");
        return sb.ToString();
    }

    public static List<string> BuildJavaScript(IReadOnlyList<Spec> specs)
    {
        var batch = "{\"batch\":[" + string.Join(",", specs.Select(SpecJson)) + "]}";
        var r = IndexTestSupport.RunNode(new[] { Path.Combine(IndexTestSupport.SearchDir, "build-index.mjs") }, batch);
        Assert.True(r.ExitCode == 0, "build-index.mjs failed: " + r.Stderr);
        var lines = r.Stdout.Split('\n');
        Assert.True(lines.Length >= specs.Count, $"expected {specs.Count} lines from build-index.mjs, got {lines.Length}");
        return lines.Take(specs.Count).ToList();
    }

    private void AssertIdentical(IReadOnlyList<Spec> specs)
    {
        IndexTestSupport.RequireNode();
        var js = BuildJavaScript(specs);
        var failures = new List<string>();
        for (int i = 0; i < specs.Count; i++)
        {
            var cs = BuildCSharp(specs[i]);
            if (cs == js[i]) continue;
            int at = 0;
            while (at < cs.Length && at < js[i].Length && cs[at] == js[i][at]) at++;
            string Around(string s) => s.Substring(Math.Max(0, at - 120), Math.Min(s.Length - Math.Max(0, at - 120), 240));
            failures.Add($"{specs[i].Label}: JSON differs at char {at} (c# {cs.Length} chars, js {js[i].Length})\n  c#: …{Around(cs)}…\n  js: …{Around(js[i])}…");
        }
        foreach (var f in failures) _out.WriteLine(f);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // ---- fixed corpora -------------------------------------------------------------------------------

    private static Dictionary<string, string?> F(params (string, string?)[] kv) => kv.ToDictionary(x => x.Item1, x => x.Item2);

    private static readonly List<FieldSpec> SiteFields = BuildSearchIndex.FieldBoosts.Select(f => new FieldSpec(f.Name, f.Boost)).ToList();

    public static List<Spec> FixedCorpora() => new()
    {
        new Spec("empty index", SiteFields, new()),
        new Spec("one empty document", SiteFields, new() { new DocSpec("0", F(), null) }),
        new Spec("chinese and english", SiteFields, new()
        {
            new DocSpec("0", F(("title", "张量并行"), ("path", "分布式训练 / 并行策略"), ("body", "张量并行把一个矩阵乘法切到多张卡上。Megatron-LM 使用 tensor parallelism。"), ("tags", "分布式 训练")), null),
            new DocSpec("1", F(("title", "ZeRO-3"), ("path", "分布式训练"), ("body", "ZeRO-3 把参数、梯度和优化器状态都分片。ＺｅＲＯ－３ 全角也一样。"), ("tags", "deepspeed")), null),
            new DocSpec("2", F(("title", "LoRA 微调"), ("path", "微调"), ("body", "LoRA 在 W 旁边加一个低秩矩阵 $BA$，秩 r 远小于 d。LLaMA2-7B 上常用 r=8。"), ("tags", "")), null),
            new DocSpec("3", F(("title", "学习率"), ("path", ""), ("body", "warmup 🚀 cosine decay 🤖 学习率调度"), ("tags", "优化")), null),
            new DocSpec("4", F(("title", "张"), ("path", "张"), ("body", "张 张 张"), ("tags", null)), null),
        }),
        new Spec("boosts", new() { new("title", 10), new("body", null), new("tags", 0.5) }, new()
        {
            new DocSpec("a", F(("title", "alpha beta"), ("body", "alpha alpha gamma"), ("tags", "x")), 2),
            new DocSpec("b", F(("title", "beta"), ("body", "gamma delta"), ("tags", "x y")), 0.3),
            new DocSpec("c", F(("title", "gamma"), ("body", ""), ("tags", "")), 0),
            new DocSpec("d", F(("title", "delta delta delta"), ("body", "beta"), ("tags", "y")), -1),
        }),
        new Spec("numeric and odd refs, numeric field name", new() { new("body", null), new("0", 3), new("title", 2) }, new()
        {
            new DocSpec("10", F(("body", "one two"), ("0", "two"), ("title", "three")), null),
            new DocSpec("2", F(("body", "two"), ("0", "one"), ("title", "one")), null),
            new DocSpec("x/y", F(("body", "one"), ("0", ""), ("title", "two")), null),
            new DocSpec("01", F(("body", "three"), ("0", "three"), ("title", "")), null),
            new DocSpec("4294967295", F(("body", "one"), ("0", "one"), ("title", "one")), null),
            new DocSpec("4294967294", F(("body", "two"), ("0", "x"), ("title", "y")), null),
            new DocSpec("__proto__", F(("body", "constructor hasownproperty tostring"), ("0", "__proto__"), ("title", "valueof")), null),
            new DocSpec("\"quoted\"\n\\", F(("body", "esc \u0001 control"), ("0", ""), ("title", "")), null),
        }),
        new Spec("duplicate refs", SiteFields, new()
        {
            new DocSpec("0", F(("title", "first version"), ("body", "alpha beta")), null),
            new DocSpec("1", F(("title", "other"), ("body", "beta gamma")), 2),
            new DocSpec("0", F(("title", "second version"), ("body", "gamma delta")), 3),
        }),
        new Spec("b and k1", SiteFields, new()
        {
            new DocSpec("0", F(("title", "a b c"), ("body", "a a a a b")), null),
            new DocSpec("1", F(("title", "c"), ("body", "b b")), null),
        }, B: 0.3, K1: 2.0),
        new Spec("b clamps", SiteFields, new()
        {
            new DocSpec("0", F(("title", "a b c"), ("body", "a a a a b")), null),
            new DocSpec("1", F(("title", "c"), ("body", "b b")), null),
        }, B: 7, K1: 0.1),
        new Spec("lone surrogate and sort order", SiteFields, new()
        {
            new DocSpec("0", F(("title", "\ud800 broken"), ("body", "𠮷野家 ｶﾀｶﾅ Ωmega ωmega zebra Zebra 𝔘nicode ﬁ ①")), null),
            new DocSpec("1", F(("title", "ä a z 中 〇 々"), ("body", "\uffff\ufeff\u200d")), null),
        }),
    };

    [NodeFact]
    public void Fixed_corpora_are_byte_identical() => AssertIdentical(FixedCorpora());

    // ---- random corpora -------------------------------------------------------------------------------

    private const string Han = "的一是不了人我在有他这为之大来以个中上们到说时国和地要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵";
    private static readonly string[] Latin = { "lora", "LoRA", "ZeRO-3", "LLaMA2-7B", "transformer", "attention", "BERT", "gpt-4o", "softmax", "v1.2.3", "snake_case", "a", "b", "x", "1e-4", "3.14", "2023", "0", "7", "ＡＢＣ", "ｇｐｕ", "Café", "naïve", "über", "Σ", "İ", "constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "k8s", "tensor", "parallel", "pipeline", "ML", "adam", "adamw" };
    private static readonly string[] Noise = { " ", " ", " ", "  ", "\n", "，", "。", "、", "：", "！", "?", "(", ")", "🤖", "🚀", "👨‍👩‍👧", "1️⃣", "$", "\\frac{a}{b}", "/", "-", "_", ".", "…", "\t" };

    internal static string RandomText(Random rng, int maxTokens)
    {
        int n = rng.Next(0, maxTokens + 1);
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            switch (rng.Next(10))
            {
                case < 4:
                    int len = rng.Next(1, 6);
                    for (int j = 0; j < len; j++) sb.Append(Han[rng.Next(Math.Min(Han.Length, 60 + rng.Next(Han.Length)))]);
                    break;
                case < 8:
                    sb.Append(Latin[rng.Next(Latin.Length)]);
                    break;
                default:
                    sb.Append(Noise[rng.Next(Noise.Length)]);
                    break;
            }
            sb.Append(Noise[rng.Next(4)]);
        }
        return sb.ToString();
    }

    public static Spec RandomCorpus(int seed)
    {
        var rng = new Random(seed);
        double?[] boosts = { null, null, 1, 2, 10, 0.5, 3, 0, 1.7 };
        var fieldNames = seed % 5 == 0 ? new[] { "title", "0", "body", "7" } : new[] { "title", "path", "body", "tags" };
        var fields = fieldNames.Select(n => new FieldSpec(n, boosts[rng.Next(boosts.Length)])).ToList();
        int count = 200 + rng.Next(100);
        var docs = new List<DocSpec>(count);
        for (int i = 0; i < count; i++)
        {
            string docRef = rng.Next(20) switch
            {
                0 => "doc-" + i,
                1 when seed % 3 == 0 => rng.Next(count).ToString(CultureInfo.InvariantCulture), // duplicate refs
                2 => "a/" + i,
                _ => i.ToString(CultureInfo.InvariantCulture),
            };
            var f = new Dictionary<string, string?>();
            foreach (var name in fieldNames)
            {
                int roll = rng.Next(12);
                f[name] = roll == 0 ? null : roll == 1 ? "" : RandomText(rng, name is "body" ? 60 : 6);
            }
            docs.Add(new DocSpec(docRef, f, boosts[rng.Next(boosts.Length)]));
        }
        double? b = seed % 4 == 1 ? rng.NextDouble() : null;
        double? k1 = seed % 4 == 2 ? 0.5 + rng.NextDouble() * 2 : null;
        return new Spec($"random corpus seed={seed} ({count} docs)", fields, docs, b, k1);
    }

    [NodeFact]
    public void Random_corpora_are_byte_identical()
    {
        // Seeds are fixed so a failure reproduces; the failing seed is in the message.
        var seeds = Enumerable.Range(1, 12).Select(i => i * 7919).ToList();
        AssertIdentical(seeds.Select(RandomCorpus).ToList());
    }

    [NodeFact]
    public void Site_documents_are_byte_identical()
    {
        // The exact field set BuildSearchIndex uses, through its own document mapping.
        var rng = new Random(4242);
        var docs = Enumerable.Range(0, 250).Select(i => new SearchDoc(i / 5, $"notes/n{i / 5}/", RandomText(rng, 4),
            i % 5 == 0 ? "" : RandomText(rng, 3), i % 5 == 0 ? "" : "s" + i,
            System.Collections.Immutable.ImmutableArray.Create(RandomText(rng, 2)), RandomText(rng, 80),
            System.Collections.Immutable.ImmutableArray.Create("tag" + (i % 3), "标签"))).ToList();
        var files = BuildSearchIndex.Build(docs);
        var spec = new Spec("site documents", SiteFields, docs.Select((d, i) => new DocSpec(i.ToString(CultureInfo.InvariantCulture), new Dictionary<string, string?>
        {
            ["title"] = d.Anchor.Length == 0 && d.SectionTitle.Length == 0 ? d.NoteTitle : d.SectionTitle,
            ["path"] = d.Anchor.Length == 0 && d.SectionTitle.Length == 0 ? "" : string.Join(" / ", d.Ancestors.Prepend(d.NoteTitle)),
            ["body"] = d.Body,
            ["tags"] = string.Join(" ", d.Tags),
        }, null)).ToList());
        Assert.Equal(BuildCSharp(spec), files.IndexJson);
        AssertIdentical(new[] { spec });
    }
}
