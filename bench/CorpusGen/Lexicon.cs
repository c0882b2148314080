namespace CorpusGen;

/// <summary>A topic a note can be about: Chinese name, English name, URL slug, and the folder it lives in.</summary>
public sealed record Concept(string Zh, string En, string Slug, string Folder);

/// <summary>
/// Hand-written word and phrase lists. Everything here is original to this generator:
/// generic ML vocabulary and textbook formulas, combined at random into note-like text.
/// </summary>
public static class Lexicon
{
    public static readonly string[] Folders =
    {
        "machine-learning/basics", "machine-learning/classic", "machine-learning/optimization",
        "deep-learning/architectures", "deep-learning/training", "deep-learning/generative",
        "nlp/llm", "nlp/representation", "systems/distributed", "systems/inference",
        "math/probability", "math/linear-algebra", "reinforcement-learning",
    };

    public static readonly Concept[] Concepts =
    {
        new("注意力机制", "Attention", "attention", "deep-learning/architectures"),
        new("自注意力", "Self-Attention", "self-attention", "deep-learning/architectures"),
        new("多头注意力", "Multi-Head Attention", "multi-head-attention", "deep-learning/architectures"),
        new("位置编码", "Positional Encoding", "positional-encoding", "deep-learning/architectures"),
        new("旋转位置编码", "RoPE", "rope", "nlp/llm"),
        new("层归一化", "Layer Normalization", "layer-norm", "deep-learning/training"),
        new("批归一化", "Batch Normalization", "batch-norm", "deep-learning/training"),
        new("残差连接", "Residual Connection", "residual", "deep-learning/architectures"),
        new("卷积神经网络", "CNN", "cnn", "deep-learning/architectures"),
        new("循环神经网络", "RNN", "rnn", "deep-learning/architectures"),
        new("长短期记忆网络", "LSTM", "lstm", "deep-learning/architectures"),
        new("梯度下降", "Gradient Descent", "gradient-descent", "machine-learning/optimization"),
        new("随机梯度下降", "SGD", "sgd", "machine-learning/optimization"),
        new("动量法", "Momentum", "momentum", "machine-learning/optimization"),
        new("Adam 优化器", "Adam", "adam", "machine-learning/optimization"),
        new("学习率调度", "Learning Rate Schedule", "lr-schedule", "machine-learning/optimization"),
        new("权重衰减", "Weight Decay", "weight-decay", "machine-learning/optimization"),
        new("交叉熵", "Cross Entropy", "cross-entropy", "machine-learning/basics"),
        new("KL 散度", "KL Divergence", "kl-divergence", "math/probability"),
        new("最大似然估计", "Maximum Likelihood Estimation", "mle", "math/probability"),
        new("贝叶斯推断", "Bayesian Inference", "bayesian-inference", "math/probability"),
        new("蒙特卡洛采样", "Monte Carlo Sampling", "monte-carlo", "math/probability"),
        new("马尔可夫链", "Markov Chain", "markov-chain", "math/probability"),
        new("变分自编码器", "VAE", "vae", "deep-learning/generative"),
        new("生成对抗网络", "GAN", "gan", "deep-learning/generative"),
        new("扩散模型", "Diffusion Model", "diffusion", "deep-learning/generative"),
        new("对比学习", "Contrastive Learning", "contrastive-learning", "nlp/representation"),
        new("词嵌入", "Word Embedding", "word-embedding", "nlp/representation"),
        new("分词", "Tokenization", "tokenization", "nlp/representation"),
        new("字节对编码", "BPE", "bpe", "nlp/representation"),
        new("混合专家", "Mixture of Experts", "moe", "nlp/llm"),
        new("指令微调", "Instruction Tuning", "instruction-tuning", "nlp/llm"),
        new("人类反馈强化学习", "RLHF", "rlhf", "nlp/llm"),
        new("检索增强生成", "RAG", "rag", "nlp/llm"),
        new("困惑度", "Perplexity", "perplexity", "nlp/llm"),
        new("束搜索", "Beam Search", "beam-search", "systems/inference"),
        new("KV 缓存", "KV Cache", "kv-cache", "systems/inference"),
        new("量化", "Quantization", "quantization", "systems/inference"),
        new("知识蒸馏", "Knowledge Distillation", "distillation", "systems/inference"),
        new("剪枝", "Pruning", "pruning", "systems/inference"),
        new("数据并行", "Data Parallelism", "data-parallel", "systems/distributed"),
        new("张量并行", "Tensor Parallelism", "tensor-parallel", "systems/distributed"),
        new("流水线并行", "Pipeline Parallelism", "pipeline-parallel", "systems/distributed"),
        new("混合精度训练", "Mixed Precision Training", "mixed-precision", "systems/distributed"),
        new("梯度累积", "Gradient Accumulation", "grad-accumulation", "deep-learning/training"),
        new("正则化", "Regularization", "regularization", "machine-learning/basics"),
        new("过拟合", "Overfitting", "overfitting", "machine-learning/basics"),
        new("偏差方差权衡", "Bias-Variance Tradeoff", "bias-variance", "machine-learning/basics"),
        new("支持向量机", "SVM", "svm", "machine-learning/classic"),
        new("决策树", "Decision Tree", "decision-tree", "machine-learning/classic"),
        new("随机森林", "Random Forest", "random-forest", "machine-learning/classic"),
        new("梯度提升树", "Gradient Boosting", "gradient-boosting", "machine-learning/classic"),
        new("主成分分析", "PCA", "pca", "math/linear-algebra"),
        new("奇异值分解", "SVD", "svd", "math/linear-algebra"),
        new("特征值分解", "Eigendecomposition", "eigendecomposition", "math/linear-algebra"),
        new("矩阵求导", "Matrix Calculus", "matrix-calculus", "math/linear-algebra"),
        new("策略梯度", "Policy Gradient", "policy-gradient", "reinforcement-learning"),
        new("Q 学习", "Q-Learning", "q-learning", "reinforcement-learning"),
        new("近端策略优化", "PPO", "ppo", "reinforcement-learning"),
        new("价值函数", "Value Function", "value-function", "reinforcement-learning"),
    };

    public static readonly string[] TitleSuffixZh =
    {
        "笔记", "原理与推导", "面试题整理", "总结", "入门", "实践要点", "常见问题", "复习", "详解", "读书笔记",
    };

    public static readonly string[] Tags =
    {
        "深度学习", "机器学习", "优化", "数学", "面试", "nlp", "llm", "transformer", "cv", "概率",
        "线性代数", "分布式", "推理", "强化学习", "生成模型", "training", "paper", "pytorch", "复习", "基础",
    };

    public static readonly string[] NounsZh =
    {
        "输入序列", "隐藏状态", "损失函数", "梯度", "参数矩阵", "特征空间", "概率分布", "训练数据", "验证集",
        "激活值", "权重", "显存占用", "通信开销", "计算图", "嵌入向量", "注意力分数", "模型容量", "泛化误差",
        "采样效率", "数值稳定性", "学习率", "批大小", "上下文长度", "词表", "目标函数", "先验分布", "后验分布",
        "协方差矩阵", "特征值", "奖励信号", "状态空间", "动作空间", "中间结果", "吞吐量", "延迟", "收敛速度",
    };

    public static readonly string[] OpsZh =
    {
        "线性变换", "归一化", "加权平均", "低维投影", "平滑", "重参数化", "截断", "缩放", "正交分解",
        "逐元素相乘", "求和约简", "近似", "离散化", "重新排列", "分块计算",
    };

    public static readonly string[] AdjZh =
    {
        "更稳定", "更高效", "更容易并行", "更省显存", "更鲁棒", "更容易收敛", "更具解释性", "更灵活",
    };

    public static readonly string[] SectionTitlesZh =
    {
        "概述", "背景", "动机", "基本定义", "数学推导", "直观理解", "算法流程", "复杂度分析", "实现细节",
        "代码示例", "实验结果", "优缺点", "常见变体", "与其他方法的比较", "面试问答", "注意事项", "小结",
        "损失函数", "训练技巧", "超参数选择", "数值稳定性", "工程实践", "推广", "参考资料",
    };

    public static readonly string[] SectionTitlesEn =
    {
        "Overview", "Intuition", "Derivation", "Implementation", "Complexity", "Pitfalls", "Variants",
        "Experiments", "Summary", "FAQ", "Notes on Training", "Worked Example",
    };

    public static readonly string[] SentencesZh =
    {
        "{c}（{e}）的核心思想是把{n}转化为{n2}，从而降低{n3}的影响。",
        "直观上看，{c}相当于对{n}做了一次{op}，因此训练过程{adj}。",
        "设 {m}，则可以进一步得到 {m2}。",
        "需要注意的是，{n}过大时{c}往往会出现数值不稳定的问题。",
        "在实际训练中，{e} 常与 {e2} 一起使用，尤其是当{n}较大时。",
        "很多实现会先对{n}做{op}，再计算{n2}，这样可以减少一次额外的内存读写。",
        "从概率的角度看，{c}等价于在{n}上施加了某种先验，见 {m}。",
        "与{c2}相比，{c}的主要优势在于{adj}，但代价是{n}增加。",
        "如果把 {m} 代入上式，就能看出{n}与{n2}之间是线性关系。",
        "面试时经常被问到：为什么{c}可以让{n}{adj}？关键在于{op}。",
        "论文中给出的默认设置是 {m}，大多数情况下不需要修改。",
        "这里的 {m} 表示第 $i$ 个样本对应的{n}。",
        "当 {m} 时，{c}退化为普通的{c2}。",
        "经验上，**{n}** 比 *{n2}* 更值得优先调整。",
        "实现时可以直接调用 `torch.nn.functional` 里的接口，不必手写{op}。",
        "可以把{c}理解为一种{op}：先估计{n}，再据此更新{n2}。",
        "该方法的时间复杂度为 {m}，在长序列上是主要瓶颈。",
        "对{n}做{op}之后，{c}在验证集上的表现通常{adj}。",
    };

    public static readonly string[] SentencesEn =
    {
        "In practice, {e} is sensitive to the learning rate and to the initialization scheme.",
        "Note that {m} holds only when the samples are i.i.d.",
        "A common trick is to combine {e} with {e2}, which makes optimization noticeably more stable.",
        "The key observation is that {m} can be computed in a single pass over the data.",
        "Most libraries expose {e} as a one-line call, but the details matter for numerical stability.",
        "This is why {e} is rarely used on its own in modern large-scale training.",
        "See the original paper for an ablation; the gain from {e} shrinks as the model grows.",
        "Intuitively, {e} trades a little extra compute for a large reduction in variance.",
    };

    public static readonly string[] BulletItems =
    {
        "**优点**：{adj}，实现简单", "**缺点**：{n}开销较大", "适用场景：{n}较大、{n2}有限的情况",
        "{e}：对{n}做{op}", "关键超参数：{m}", "与{c2}的区别在于是否显式建模{n}",
        "常见错误：忘记对{n}做{op}", "复杂度：{m}", "Tip: monitor the {en} during the first few hundred steps",
        "默认值 {m} 通常足够", "需要额外存储{n}", "可以和 {e2} 叠加使用",
    };

    public static readonly string[] EnNouns =
    {
        "gradient norm", "loss curve", "validation accuracy", "activation statistics", "learning rate",
        "memory footprint", "throughput", "attention entropy",
    };

    public static readonly string[] StepItems =
    {
        "初始化{n}，通常使用 Xavier 或 Kaiming 初始化",
        "前向传播计算{n}，得到 {m}",
        "根据{n}计算损失 {m}",
        "反向传播求{n}，并做梯度裁剪",
        "使用 {e} 更新参数",
        "在验证集上评估{n}，必要时调整学习率",
        "对{n}做{op}，然后写回显存",
        "重复以上步骤直到{n}收敛",
    };

    // ---- math -----------------------------------------------------------------------------
    // A fixed pool, so the same formula appears in many notes (exercises the math cache),
    // plus parameterised templates below, so a realistic share of formulas is unique.

    public static readonly string[] InlineMath =
    {
        @"x \in \mathbb{R}^{d}", @"W_Q, W_K, W_V \in \mathbb{R}^{d \times d_k}", @"\mathcal{L}(\theta)",
        @"\nabla_\theta \mathcal{L}", @"\eta = 10^{-3}", @"O(n^2 d)", @"p(y \mid x)",
        @"\sigma(z) = \frac{1}{1 + e^{-z}}", @"\mathbb{E}_{x \sim p}[f(x)]", @"\|w\|_2^2", @"\beta_1 = 0.9",
        @"\epsilon = 10^{-8}", @"h_t = f(h_{t-1}, x_t)", @"\operatorname{softmax}(z)_i", @"\theta^{*}",
        @"d_{\text{model}} = 512", @"\alpha \in (0, 1)", @"A = U \Sigma V^\top", @"\det(A) \neq 0",
        @"\log p_\theta(x)", @"\hat{y}", @"k \ll n", @"\gamma = 0.99", @"\lambda \|w\|_1", @"O(n \log n)",
        @"\mathcal{N}(0, I)", @"z = \mu + \sigma \odot \epsilon", @"\sqrt{d_k}", @"Q K^\top", @"\pi_\theta(a \mid s)",
    };

    public static readonly string[] DisplayMath =
    {
        @"\operatorname{Attention}(Q, K, V) = \operatorname{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right) V",
        @"\theta_{t+1} = \theta_t - \eta \nabla_\theta \mathcal{L}(\theta_t)",
        "\\begin{aligned}\nm_t &= \\beta_1 m_{t-1} + (1 - \\beta_1) g_t \\\\\nv_t &= \\beta_2 v_{t-1} + (1 - \\beta_2) g_t^2 \\\\\n\\theta_t &= \\theta_{t-1} - \\eta \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\epsilon}\n\\end{aligned}",
        @"\mathcal{L}_{\text{CE}} = -\sum_{i=1}^{C} y_i \log \hat{y}_i",
        @"D_{\mathrm{KL}}(P \,\|\, Q) = \sum_{x} P(x) \log \frac{P(x)}{Q(x)}",
        @"\log p_\theta(x) \geq \mathbb{E}_{q_\phi(z \mid x)}\left[\log p_\theta(x \mid z)\right] - D_{\mathrm{KL}}\left(q_\phi(z \mid x) \,\|\, p(z)\right)",
        @"\operatorname{LN}(x) = \gamma \odot \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta",
        @"\operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{n} e^{z_j}}",
        @"\hat{\theta} = \arg\max_{\theta} \sum_{i=1}^{N} \log p(x_i \mid \theta)",
        @"p(\theta \mid \mathcal{D}) = \frac{p(\mathcal{D} \mid \theta)\, p(\theta)}{p(\mathcal{D})}",
        @"PE_{(pos, 2i)} = \sin\left(\frac{pos}{10000^{2i/d_{\text{model}}}}\right)",
        @"\nabla_\theta J(\theta) = \mathbb{E}_{\tau \sim \pi_\theta}\left[\sum_{t=0}^{T} \nabla_\theta \log \pi_\theta(a_t \mid s_t)\, G_t\right]",
        @"Q(s, a) \leftarrow Q(s, a) + \alpha \left[r + \gamma \max_{a'} Q(s', a') - Q(s, a)\right]",
        @"A = U \Sigma V^\top, \quad U^\top U = I, \quad V^\top V = I",
        @"\frac{\partial}{\partial X} \operatorname{tr}(AX) = A^\top",
        @"\mathbb{E}\left[(y - \hat{f}(x))^2\right] = \operatorname{Bias}\left[\hat{f}(x)\right]^2 + \operatorname{Var}\left[\hat{f}(x)\right] + \sigma^2",
        @"\mathcal{L}_i = -\log \frac{\exp(\operatorname{sim}(z_i, z_j)/\tau)}{\sum_{k=1}^{2N} \mathbb{1}_{[k \neq i]} \exp(\operatorname{sim}(z_i, z_k)/\tau)}",
        "\\operatorname{ReLU}(x) = \\begin{cases} x, & x > 0 \\\\ 0, & x \\leq 0 \\end{cases}",
        "W = \\begin{pmatrix} w_{11} & w_{12} \\\\ w_{21} & w_{22} \\end{pmatrix}",
        @"q(x_t \mid x_{t-1}) = \mathcal{N}\left(x_t; \sqrt{1 - \beta_t}\, x_{t-1}, \beta_t I\right)",
        @"\operatorname{PPL} = \exp\left(-\frac{1}{N} \sum_{i=1}^{N} \log p(w_i \mid w_{<i})\right)",
        @"\mathcal{L}_{\text{reg}} = \mathcal{L} + \frac{\lambda}{2} \|w\|_2^2",
        @"\min_{w, b} \frac{1}{2}\|w\|^2 \quad \text{s.t.} \quad y_i (w^\top x_i + b) \geq 1",
        @"\mathbb{E}[f(X)] \approx \frac{1}{N} \sum_{i=1}^{N} f\left(x^{(i)}\right)",
        @"\max_{\|w\| = 1} w^\top \Sigma w",
        @"L^{\text{CLIP}}(\theta) = \mathbb{E}_t\left[\min\left(r_t(\theta) \hat{A}_t, \operatorname{clip}(r_t(\theta), 1 - \epsilon, 1 + \epsilon) \hat{A}_t\right)\right]",
        @"V^{\pi}(s) = \mathbb{E}_{\pi}\left[\sum_{k=0}^{\infty} \gamma^k r_{t+k+1} \,\middle|\, s_t = s\right]",
        @"M_{\text{KV}} = 2 \cdot b \cdot s \cdot n_{\text{layer}} \cdot d_{\text{model}} \cdot \text{bytes}",
    };

    public static readonly string[] Vars = { "x", "y", "z", "w", "h", "a", "b", "u", "v", "s" };
    public static readonly string[] Greek = { @"\alpha", @"\beta", @"\gamma", @"\lambda", @"\mu", @"\sigma", @"\tau", @"\eta" };

    // ---- code -----------------------------------------------------------------------------
    public static readonly string[] PythonSnippets =
    {
        "import torch\nimport torch.nn as nn\n\nclass {Cls}(nn.Module):\n    def __init__(self, d_model: int = {D}, dropout: float = 0.{P}):\n        super().__init__()\n        self.proj = nn.Linear(d_model, d_model)\n        self.drop = nn.Dropout(dropout)\n\n    def forward(self, x: torch.Tensor) -> torch.Tensor:\n        # x: (batch, seq_len, d_model)\n        return self.drop(self.proj(x)) + x\n",
        "def {fn}(params, grads, lr={LR}, beta={B}):\n    \"\"\"One update step; state is kept in a plain dict.\"\"\"\n    for p, g in zip(params, grads):\n        state = STATE.setdefault(id(p), {\"v\": 0.0})\n        state[\"v\"] = beta * state[\"v\"] + (1 - beta) * g\n        p -= lr * state[\"v\"]\n    return params\n",
        "import numpy as np\n\ndef {fn}(logits: np.ndarray) -> np.ndarray:\n    z = logits - logits.max(axis=-1, keepdims=True)  # numerical stability\n    e = np.exp(z)\n    return e / e.sum(axis=-1, keepdims=True)\n\nprint({fn}(np.random.randn({D}, 10)).sum(axis=-1)[:5])\n",
        "for step, batch in enumerate(loader):\n    with torch.autocast(device_type=\"cuda\", dtype=torch.bfloat16):\n        loss = model(**batch).loss / {ACC}\n    loss.backward()\n    if (step + 1) % {ACC} == 0:\n        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)\n        optimizer.step()\n        optimizer.zero_grad(set_to_none=True)\n",
        "def {fn}(q, k, v, mask=None):\n    d_k = q.size(-1)\n    scores = q @ k.transpose(-2, -1) / d_k ** 0.5\n    if mask is not None:\n        scores = scores.masked_fill(mask == 0, float(\"-inf\"))\n    return scores.softmax(dim=-1) @ v\n",
    };

    public static readonly string[] ShellSnippets =
    {
        "torchrun --nproc_per_node={G} train.py \\\n    --model {slug} \\\n    --batch-size {D} \\\n    --lr {LR}\n",
        "python -m pip install -U torch transformers\npython eval.py --task {slug} --split validation --seed {P}\n",
    };

    public static readonly string[] ClassNames = { "Block", "Adapter", "Head", "Mixer", "Gate", "Encoder", "Decoder", "Expert" };
    public static readonly string[] FnNames = { "step", "update", "normalize", "score", "attend", "sample", "project", "reduce" };

    public static readonly string[] TableHeadersZh = { "方法", "复杂度", "显存", "是否可并行", "备注" };
    public static readonly string[] YesNo = { "是", "否", "部分", "视实现而定" };
    public static readonly string[] Complexities = { "$O(n)$", "$O(n^2)$", "$O(n \\log n)$", "$O(nd)$", "$O(n^2 d)$", "$O(1)$" };
    public static readonly string[] MemoryNotes = { "低", "中", "高", "很高", "与序列长度成正比" };
}
