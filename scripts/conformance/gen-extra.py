# Extra layer-list conformance fixtures from PyTorch, in the format of ../shared/conformance/cases-cnn
# (float64 computations from float32-representable inputs): what those 21 cases do not cover (stride 2
# and 3, padding >= kernel / 2, kernel 5, 3x3 pooling of odd maps, group norm and BatchNorm1d on linear
# layers, identity hidden activations, momentum SGD with weight decay, Adam).
# Numbers are written with 9 significant digits: every float32 input round-trips exactly, and the
# expected values are off by ~1e-9 relative, far below the check's 1e-4 + 1e-3 |want|.
#   apt-get install -y python3-torch; /usr/bin/python3 scripts/conformance/gen-extra.py
import json, os, sys, torch, numpy as np
torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'cases-extra')

def f32(a): return np.asarray(a, dtype=np.float32).astype(np.float64)

def build(model_spec):
    C, H, W = model_spec['inputShape']
    mods, weight_mods, norm_mods = [], [], []
    shape = (C, H, W)
    for l in model_spec['layers']:
        t = l['type']
        if t == 'conv':
            conv = torch.nn.Conv2d(shape[0], l['out'], l['kernel'], l.get('stride', 1), l.get('padding', 0))
            oh = (shape[1] + 2 * l.get('padding', 0) - l['kernel']) // l.get('stride', 1) + 1
            ow = (shape[2] + 2 * l.get('padding', 0) - l['kernel']) // l.get('stride', 1) + 1
            shape = (l['out'], oh, ow)
            norm = None
            if l['norm'] == 'batch': norm = torch.nn.BatchNorm2d(l['out'], eps=model_spec['eps'], momentum=model_spec['momentum'])
            if l['norm'] == 'group': norm = torch.nn.GroupNorm(l['groups'], l['out'], eps=model_spec['eps'])
            lin = conv
        elif t == 'linear':
            lin = torch.nn.Linear(shape[0], l['out'])
            shape = (l['out'], 1, 1)
            norm = None
            if l['norm'] == 'batch': norm = torch.nn.BatchNorm1d(l['out'], eps=model_spec['eps'], momentum=model_spec['momentum'])
            if l['norm'] == 'group': norm = torch.nn.GroupNorm(l['groups'], l['out'], eps=model_spec['eps'])
        elif t == 'maxpool':
            mods.append(torch.nn.MaxPool2d(l['size'])); shape = (shape[0], shape[1] // l['size'], shape[2] // l['size']); continue
        elif t == 'flatten':
            mods.append(torch.nn.Flatten()); shape = (shape[0] * shape[1] * shape[2], 1, 1); continue
        act = {'relu': torch.nn.ReLU(), 'tanh': torch.nn.Tanh(), 'sigmoid': torch.nn.Sigmoid(), 'linear': torch.nn.Identity()}[l['activation']]
        seq = [lin]
        if norm is None: seq.append(act)
        elif l.get('placement', 'pre') == 'pre': seq += [norm, act]
        else: seq += [act, norm]
        mods += seq
        weight_mods.append(lin); norm_mods.append(norm)
    return torch.nn.Sequential(*mods), weight_mods, norm_mods

def gen(name, model_spec, opt, N, steps, R, seed, x_scale=1.0):
    rng = np.random.default_rng(seed)
    net, wm, nm = build(model_spec)
    params = []
    for lin, norm in zip(wm, nm):
        with torch.no_grad():
            lin.weight.copy_(torch.tensor(f32(rng.normal(0, 0.5, lin.weight.shape))))
            lin.bias.copy_(torch.tensor(f32(rng.normal(0, 0.3, lin.bias.shape))))
            p = {'W': lin.weight.tolist(), 'b': lin.bias.tolist()}
            if norm is not None:
                norm.weight.copy_(torch.tensor(f32(1 + rng.normal(0, 0.3, norm.weight.shape))))
                norm.bias.copy_(torch.tensor(f32(rng.normal(0, 0.3, norm.bias.shape))))
                p['gamma'] = norm.weight.tolist(); p['beta'] = norm.bias.tolist()
        params.append(p)
    C, H, W = model_spec['inputShape']
    classes = model_spec['layers'][-1]['out']
    batches = [{'x': f32(rng.normal(0, x_scale, (N, C * H * W))).tolist(), 'y': rng.integers(0, classes, N).tolist()} for _ in range(steps)]
    evalX = f32(rng.normal(0, x_scale, (R, C * H * W))).tolist()
    plist = []
    for lin, norm in zip(wm, nm):
        plist += [lin.weight, lin.bias] + ([norm.weight, norm.bias] if norm is not None else [])
    if opt['type'] == 'sgd': o = torch.optim.SGD(plist, lr=opt['lr'], momentum=opt['momentum'], weight_decay=opt['weightDecay'])
    else: o = torch.optim.Adam(plist, lr=opt['lr'], betas=(opt['beta1'], opt['beta2']), eps=opt['eps'], weight_decay=opt['weightDecay'])
    net.train()
    losses = []
    def grads_of():
        out = []
        for lin, norm in zip(wm, nm):
            g = {'W': lin.weight.grad.tolist(), 'b': lin.bias.grad.tolist()}
            if norm is not None: g['gamma'] = norm.weight.grad.tolist(); g['beta'] = norm.bias.grad.tolist()
            out.append(g)
        return out
    for i, b in enumerate(batches):
        x = torch.tensor(b['x']).reshape(N, C, H, W)
        o.zero_grad()
        logits = net(x)
        loss = torch.nn.functional.cross_entropy(logits, torch.tensor(b['y']))
        loss.backward()
        if i == 0: logits0 = logits.tolist(); grads0 = grads_of()
        losses.append(loss.item())
        o.step()
    net.eval()
    with torch.no_grad(): evalLogits = net(torch.tensor(evalX).reshape(R, C, H, W)).tolist()
    final = []
    for lin, norm in zip(wm, nm):
        p = {'W': lin.weight.tolist(), 'b': lin.bias.tolist()}
        if norm is not None: p['gamma'] = norm.weight.tolist(); p['beta'] = norm.bias.tolist()
        final.append(p)
    running = [({'mean': n.running_mean.tolist(), 'var': n.running_var.tolist()} if isinstance(n, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)) else None) for n in nm[:-1]]
    fx = {'name': name, 'model': model_spec, 'optimizer': opt, 'params': params, 'batches': batches, 'evalX': evalX,
          'expected': {'losses': losses, 'logits0': logits0, 'grads0': grads0, 'params': final, 'running': running, 'evalLogits': evalLogits}}
    text = json.dumps(fx, separators=(',', ':'))
    text = __import__('re').sub(r'-?\d+\.\d+(?:e-?\d+)?', lambda m: format(float(m.group(0)), '.9g'), text)
    with open(os.path.join(OUT, f'{name}.json'), 'w') as f: f.write(text + '\n')

def conv(out, k, s, p, norm, act, place='pre', groups=None):
    d = {'type': 'conv', 'out': out, 'kernel': k, 'stride': s, 'padding': p, 'norm': norm, 'activation': act, 'placement': place}
    if groups: d['groups'] = groups
    return d
def lin(out, norm='none', act='linear', place='pre', groups=None):
    d = {'type': 'linear', 'out': out, 'norm': norm, 'activation': act, 'placement': place}
    if groups: d['groups'] = groups
    return d
SGDM = {'type': 'sgd', 'lr': 0.05, 'momentum': 0.9, 'weightDecay': 0.01}
ADAM = {'type': 'adam', 'lr': 0.01, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-8, 'weightDecay': 0.001}
M = lambda shape, layers, eps=1e-5, mom=0.1: {'inputShape': shape, 'layers': layers, 'eps': eps, 'momentum': mom}
gen('x-stride2-pad2-k5', M([2, 11, 9], [conv(3, 5, 2, 2, 'batch', 'relu'), conv(4, 3, 2, 1, 'group', 'tanh', 'post', 2), {'type': 'flatten'}, lin(3)]), SGDM, 4, 3, 3, 1)
gen('x-pad-ge-kernel', M([1, 4, 4], [conv(2, 2, 1, 2, 'batch', 'sigmoid'), {'type': 'maxpool', 'size': 3}, {'type': 'flatten'}, lin(2)]), ADAM, 3, 3, 2, 2)
gen('x-linear-group-batch', M([3, 5, 5], [conv(4, 3, 1, 0, 'none', 'relu'), {'type': 'flatten'}, lin(6, 'group', 'tanh', 'pre', 3), lin(5, 'batch', 'sigmoid', 'post'), lin(3)]), SGDM, 5, 3, 3, 3)
gen('x-identity-hidden', M([2, 6, 6], [conv(3, 3, 1, 1, 'batch', 'linear'), {'type': 'maxpool', 'size': 2}, conv(2, 1, 1, 0, 'group', 'linear', 'pre', 1), {'type': 'flatten'}, lin(4, 'none', 'linear'), lin(2)], 1e-3, 0.3), ADAM, 3, 4, 2, 4)
gen('x-pool3-odd', M([2, 10, 7], [conv(5, 3, 1, 1, 'batch', 'relu', 'post'), {'type': 'maxpool', 'size': 3}, conv(6, 2, 1, 0, 'batch', 'relu'), {'type': 'flatten'}, lin(4)]), SGDM, 6, 3, 3, 5)
gen('x-wide-batch', M([1, 12, 12], [conv(6, 3, 1, 1, 'batch', 'relu'), {'type': 'maxpool', 'size': 2}, conv(8, 3, 1, 1, 'group', 'relu', 'pre', 4), {'type': 'maxpool', 'size': 2}, {'type': 'flatten'}, lin(10)]), SGDM, 12, 2, 3, 6)
gen('x-stride3-k1', M([4, 7, 8], [conv(3, 1, 3, 0, 'batch', 'tanh'), conv(2, 2, 1, 1, 'none', 'sigmoid'), {'type': 'flatten'}, lin(3)]), ADAM, 2, 3, 2, 7)
print(f'wrote {len(os.listdir(OUT))} fixtures to {OUT}')
