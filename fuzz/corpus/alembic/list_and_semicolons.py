revision = r'b1'; down_revision = ['a1', u'a2',]
branch_labels = ('feature',)
